package cn.zhenxing.plugins.monitoring.dashboard;

import cn.zhenxing.plugins.monitoring.measure.MeasureRoutes;
import cn.zhenxing.sdk.PluginContext;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The county gauges a city administrator watches: {@code zx_monitoring_<name>{county="…"}}. */
public final class MonitoringMetrics {

  private final PluginContext ctx;

  public MonitoringMetrics(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void register() {
    gauge("households_alleviated", "Households of category 脱贫户",
        "SELECT county_code, count(*) FROM monitoring.household WHERE category = '脱贫户' GROUP BY 1");
    gauge("households_other", "Households of category 一般农户",
        "SELECT county_code, count(*) FROM monitoring.household WHERE category = '一般农户' GROUP BY 1");
    objects("objects_unstable", "脱贫不稳定户");
    objects("objects_marginal", "边缘易致贫户");
    objects("objects_sudden", "突发严重困难户");
    gauge("warnings_open", "Warnings not yet settled",
        "SELECT county_code, count(*) FROM monitoring.warning WHERE state <> 'settled' GROUP BY 1");
    dated("warnings_overdue", "Warnings past their visit or settlement deadline",
        "SELECT county_code, count(*) FROM monitoring.warning WHERE state <> 'settled'"
            + " AND ((state = 'open' AND visit_due < $1) OR settle_due < $1) GROUP BY 1");
    // Target and actual side by side: every warning settled this year should have been settled on time.
    dated("warnings_settled_this_year", "Warnings settled this year (target: all on time)",
        "SELECT county_code, count(*) FROM monitoring.warning WHERE state = 'settled'"
            + " AND settled_at >= date_trunc('year', $1::date) GROUP BY 1");
    dated("warnings_settled_on_time_this_year", "Warnings settled this year by their settlement deadline",
        "SELECT county_code, count(*) FROM monitoring.warning WHERE state = 'settled'"
            + " AND settled_at >= date_trunc('year', $1::date) AND settled_at::date <= settle_due GROUP BY 1");
    gauge("identifications_in_progress", "Identification procedures in progress",
        "SELECT county_code, count(*) FROM monitoring.procedure WHERE kind = 'identification'"
            + " AND state = 'in-progress' GROUP BY 1");
    dated("identifications_overdue", "Identification procedures past the 15 days from the first signal",
        "SELECT county_code, count(*) FROM monitoring.procedure WHERE kind = 'identification'"
            + " AND state = 'in-progress' AND due_on < $1 GROUP BY 1");
    dated("eliminated_this_year", "Households whose risk was eliminated this year",
        "SELECT county_code, count(*) FROM monitoring.household WHERE eliminated_on >= date_trunc('year', $1::date)"
            + " GROUP BY 1");
    for (String kind : MeasureRoutes.KINDS) {
      ctx.metrics().countyGauge("measures_" + kind.replace('-', '_'), "Assistance measures in place: " + kind,
          () -> counts("SELECT county_code, count(*) FROM monitoring.measure WHERE kind = $1"
              + " AND status IN ('in-progress', 'completed') GROUP BY 1", Tuple.of(kind)));
    }
  }

  private void objects(String name, String type) {
    ctx.metrics().countyGauge(name, "Monitoring objects of type " + type,
        () -> counts("SELECT county_code, count(*) FROM monitoring.household WHERE risk_state = 'monitored'"
            + " AND monitoring_type = $1 GROUP BY 1", Tuple.of(type)));
  }

  private void gauge(String name, String description, String sql) {
    ctx.metrics().countyGauge(name, description, () -> counts(sql, Tuple.tuple()));
  }

  private void dated(String name, String description, String sql) {
    Supplier<Future<Map<String, ? extends Number>>> query = () -> counts(sql, Tuple.of(LocalDate.now(ctx.clock())));
    ctx.metrics().countyGauge(name, description, query);
  }

  private Future<Map<String, ? extends Number>> counts(String sql, Tuple params) {
    return ctx.pool().preparedQuery(sql).execute(params).map(rows -> {
      Map<String, Long> out = new TreeMap<>();
      rows.forEach(r -> out.put(r.getString(0), r.getLong(1)));
      return out;
    });
  }
}
