package cn.zhenxing.plugins.monitoring.comparison;

import cn.zhenxing.sdk.PluginContext;
import io.vertx.core.Future;
import java.util.Map;
import java.util.TreeMap;

/** Per county, over the applied department batches: records read, people not in the register, warnings raised. */
public final class ComparisonMetrics {

  private final PluginContext ctx;

  public ComparisonMetrics(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void register() {
    gauge("comparison_records_read", "Records read from applied department batches", "rows_read");
    gauge("comparison_records_unmatched", "Records of applied batches about people not in the register",
        "unmatched");
    gauge("comparison_warnings_raised", "Warnings raised by applied department batches", "warnings_raised");
  }

  /** {@code column} is one of this class's fixed column names, never input. */
  private void gauge(String name, String description, String column) {
    ctx.metrics().countyGauge(name, description, () -> sums("SELECT county_code, sum(" + column + ")"
        + " FROM monitoring.comparison_batch WHERE status = 'applied' GROUP BY 1"));
  }

  private Future<Map<String, ? extends Number>> sums(String sql) {
    return ctx.pool().query(sql).execute().map(rows -> {
      Map<String, Long> out = new TreeMap<>();
      rows.forEach(r -> out.put(r.getString(0), r.getLong(1)));
      return out;
    });
  }
}
