package cn.zhenxing.plugins.monitoring.relocation;

import cn.zhenxing.sdk.PluginContext;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/** Relocated households as the key group, per county, and the five-good creation (communities: target; passed: actual). */
public final class RelocationMetrics {

  private final PluginContext ctx;

  public RelocationMetrics(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void register() {
    gauge("relocated_households", "Relocated households (易地扶贫搬迁户)",
        "SELECT county_code, count(*) FROM monitoring.household WHERE relocated GROUP BY 1", false);
    gauge("relocated_monitoring_objects", "Relocated households that are monitoring objects",
        "SELECT county_code, count(*) FROM monitoring.household WHERE relocated AND risk_state = 'monitored'"
            + " GROUP BY 1", false);
    gauge("relocated_warnings_open", "Open warnings of relocated households",
        "SELECT w.county_code, count(*) FROM monitoring.warning w JOIN monitoring.household h ON h.id = w.household_id"
            + " WHERE h.relocated AND w.state <> 'settled' GROUP BY 1", false);
    gauge("resettlement_communities", "Resettlement communities (target of the five-good creation)",
        "SELECT county_code, count(*) FROM monitoring.resettlement_community GROUP BY 1", false);
    gauge("communities_five_good_this_year", "Communities that passed this year's five-good assessment (actual)",
        "SELECT county_code, count(*) FROM monitoring.five_good_assessment WHERE passed"
            + " AND year = extract(year FROM $1::date) GROUP BY 1", true);
  }

  private void gauge(String name, String description, String sql, boolean dated) {
    ctx.metrics().countyGauge(name, description, () -> counts(sql,
        dated ? Tuple.of(LocalDate.now(ctx.clock())) : Tuple.tuple()));
  }

  private Future<Map<String, ? extends Number>> counts(String sql, Tuple params) {
    return ctx.pool().preparedQuery(sql).execute(params).map(rows -> {
      Map<String, Long> out = new TreeMap<>();
      rows.forEach(r -> out.put(r.getString(0), r.getLong(1)));
      return out;
    });
  }
}
