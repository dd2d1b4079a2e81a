package cn.zhenxing.plugins.monitoring.schedule;

import cn.zhenxing.plugins.monitoring.insurance.Uninsured;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * What the counties did in a quarter, counted from the registers in one statement for any number of counties: a
 * branch per register, each grouped by county. Timestamps are compared with the quarter's bounds in the city's time
 * zone; the insurance coverage is read on one day (today, or the quarter's last day once it is over).
 */
public final class DoneFigures {

  /** A task's figure: things done, or for a rate the covered count over its base. */
  public record Done(long count, long base) {

    static final Done NONE = new Done(0, 0);

    /** The rate (0–1) of a coverage task; 1 when there is nothing to cover, as the insurance metric reads it. */
    public double rate() {
      return base == 0 ? 1.0 : (double) count / base;
    }
  }

  // $1 counties, $2/$3 the quarter's dates [from, end), $4/$5 the same as instants, $6 year, $7 quarter, $8 the day
  // the coverage is read on, $9 the policy kind that counts. Monitoring objects on a day: identified by then and not
  // eliminated by then (a re-identification clears eliminated_on).
  private static final String SQL = "SELECT county_code, 'visits' AS task, count(*) AS n, 0 AS base"
      + "   FROM monitoring.warning WHERE county_code = ANY($1::bpchar[]) AND visited_at >= $4 AND visited_at < $5"
      + "   GROUP BY 1"
      + " UNION ALL SELECT county_code, 'warnings-settled', count(*), 0 FROM monitoring.warning"
      + "   WHERE county_code = ANY($1::bpchar[]) AND settled_at >= $4 AND settled_at < $5 GROUP BY 1"
      + " UNION ALL SELECT county_code, CASE kind WHEN 'identification' THEN 'identifications' ELSE 'eliminations' END,"
      + "   count(*), 0 FROM monitoring.procedure WHERE county_code = ANY($1::bpchar[]) AND state = 'approved'"
      + "   AND finished_at >= $4 AND finished_at < $5 GROUP BY 1, 2"
      + " UNION ALL SELECT county_code, 'measures', count(*), 0 FROM monitoring.measure"
      + "   WHERE county_code = ANY($1::bpchar[]) AND start_on >= $2 AND start_on < $3 AND status <> 'planned' GROUP BY 1"
      + " UNION ALL SELECT county_code, 'comparison-batches', count(*), 0 FROM monitoring.comparison_batch"
      + "   WHERE county_code = ANY($1::bpchar[]) AND status = 'applied' AND imported_at >= $4 AND imported_at < $5"
      + "   GROUP BY 1"
      + " UNION ALL SELECT county_code, 'joint-meeting', count(*), 0 FROM monitoring.joint_meeting"
      + "   WHERE county_code = ANY($1::bpchar[]) AND year = $6 AND quarter = $7 GROUP BY 1"
      + " UNION ALL SELECT h.county_code, 'insurance-coverage', count(*) FILTER (WHERE EXISTS (SELECT 1"
      + "     FROM monitoring.insurance_coverage c JOIN monitoring.insurance_policy p ON p.id = c.policy_id"
      + "     WHERE c.household_id = h.id AND p.kind = $9 AND $8 BETWEEN p.starts_on AND p.ends_on)), count(*)"
      + "   FROM monitoring.household h WHERE h.county_code = ANY($1::bpchar[]) AND h.monitored_since <= $8"
      + "   AND (h.eliminated_on IS NULL OR h.eliminated_on > $8) GROUP BY 1";

  private DoneFigures() {
  }

  /** Per county code, per task: what was done (tasks nobody worked on are absent: read them as {@link Done#NONE}). */
  static Future<Map<String, Map<ScheduleTask, Done>>> count(SqlClient client, Collection<String> counties,
      Quarter q, LocalDate asOf, ZoneId zone) {
    Tuple params = Tuple.of(counties.toArray(String[]::new), q.first(), q.end(),
            q.first().atStartOfDay(zone).toOffsetDateTime(), q.end().atStartOfDay(zone).toOffsetDateTime(),
            q.year(), (short) q.quarter())
        .addLocalDate(q.rateDay(asOf)).addString(Uninsured.REQUIRED_KIND);
    return client.preparedQuery(SQL).execute(params).map(rows -> {
      Map<String, Map<ScheduleTask, Done>> out = new HashMap<>();
      rows.forEach(r -> out.computeIfAbsent(r.getString("county_code"), c -> new EnumMap<>(ScheduleTask.class))
          .put(ScheduleTask.byKey(r.getString("task")).orElseThrow(), new Done(r.getLong("n"), r.getLong("base"))));
      return out;
    });
  }
}
