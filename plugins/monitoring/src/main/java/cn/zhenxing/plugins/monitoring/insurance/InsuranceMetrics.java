package cn.zhenxing.plugins.monitoring.insurance;

import cn.zhenxing.sdk.PluginContext;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * Insurance coverage per county: the monitoring objects (target), those holding a 防返贫保险 policy in force today
 * (actual) and the rate between them, plus open claims.
 */
public final class InsuranceMetrics {

  private static final String COVERED = "EXISTS (SELECT 1 FROM monitoring.insurance_coverage c"
      + " JOIN monitoring.insurance_policy p ON p.id = c.policy_id"
      + " WHERE c.household_id = h.id AND p.kind = $2 AND $1 BETWEEN p.starts_on AND p.ends_on)";

  private final PluginContext ctx;

  public InsuranceMetrics(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void register() {
    ctx.metrics().countyGauge("insurance_objects", "Monitoring objects that should hold 防返贫保险 (target)",
        () -> coverage().map(c -> only(c, 0)));
    ctx.metrics().countyGauge("insurance_objects_covered", "Monitoring objects holding 防返贫保险 today (actual)",
        () -> coverage().map(c -> only(c, 1)));
    ctx.metrics().countyGauge("insurance_coverage_rate", "Share of monitoring objects holding 防返贫保险 today (0–1)",
        () -> coverage().map(c -> {
          Map<String, Double> out = new TreeMap<>();
          c.forEach((county, n) -> out.put(county, n[0] == 0 ? 1.0 : (double) n[1] / n[0]));
          return out;
        }));
    ctx.metrics().countyGauge("insurance_claims_open", "Insurance claims filed and not yet decided",
        () -> ctx.pool().query("SELECT county_code, count(*) FROM monitoring.insurance_claim WHERE status = 'filed'"
            + " GROUP BY 1").execute().map(rows -> {
              Map<String, Long> out = new TreeMap<>();
              rows.forEach(r -> out.put(r.getString(0), r.getLong(1)));
              return out;
            }));
  }

  /** Per county: {monitoring objects, of which covered}. */
  private Future<Map<String, long[]>> coverage() {
    return ctx.pool().preparedQuery("SELECT h.county_code, count(*) AS objects, count(*) FILTER (WHERE " + COVERED
            + ") AS covered FROM monitoring.household h WHERE h.risk_state = 'monitored' GROUP BY 1")
        .execute(Tuple.of(LocalDate.now(ctx.clock()), Uninsured.REQUIRED_KIND))
        .map(rows -> {
          Map<String, long[]> out = new TreeMap<>();
          rows.forEach(r -> out.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)}));
          return out;
        });
  }

  private static Map<String, Long> only(Map<String, long[]> counts, int index) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((county, n) -> out.put(county, n[index]));
    return out;
  }
}
