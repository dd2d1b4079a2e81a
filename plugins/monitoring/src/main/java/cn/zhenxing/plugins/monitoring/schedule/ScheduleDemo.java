package cn.zhenxing.plugins.monitoring.schedule;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Demo plans (ZX_DEMO_DATA=true only, rows {@code demo = true}): this year's quarters up to the current one for every
 * county with demo households, each task sized to the county's demo population — per quarter about 2 % of the
 * households visited and 1.5 % settled, 0.4 % identified, 5 % of the monitoring objects eliminated and half of them
 * given a measure, three department batches (monthly medical-insurance data), the joint meeting, and 95 % of the
 * monitoring objects insured. One statement.
 */
public final class ScheduleDemo {

  private ScheduleDemo() {
  }

  public static Future<Void> insert(SqlConnection conn, Clock clock) {
    LocalDate today = LocalDate.now(clock);
    return conn.preparedQuery("INSERT INTO monitoring.schedule_plan (county_code, year, quarter, task, planned, demo,"
            + "   updated_at, updated_by)"
            + " SELECT h.county_code, $1, g.q, t.task, CASE t.task"
            + "     WHEN 'visits' THEN greatest(2, round(h.n * 0.02))"
            + "     WHEN 'warnings-settled' THEN greatest(2, round(h.n * 0.015))"
            + "     WHEN 'identifications' THEN greatest(1, round(h.n * 0.004))"
            + "     WHEN 'eliminations' THEN greatest(1, round(h.o * 0.05))"
            + "     WHEN 'measures' THEN greatest(2, round(h.o * 0.5))"
            + "     WHEN 'comparison-batches' THEN 3"
            + "     WHEN 'joint-meeting' THEN 1"
            + "     ELSE 0.95 END, true, $3, 'demo'"
            + " FROM (SELECT county_code, count(*) AS n, count(*) FILTER (WHERE risk_state = 'monitored') AS o"
            + "   FROM monitoring.household WHERE demo GROUP BY 1) h"
            + " CROSS JOIN generate_series(1, $2) g(q)"
            + " CROSS JOIN unnest($4::text[]) t(task)"
            + " ON CONFLICT (county_code, year, quarter, task) DO NOTHING")
        .execute(Tuple.of(today.getYear(), Quarter.containing(today).quarter(),
            clock.instant().atOffset(ZoneOffset.UTC), ScheduleTask.keys().toArray(String[]::new)))
        .mapEmpty();
  }
}
