package cn.zhenxing.plugins.monitoring.report;

import cn.zhenxing.plugins.monitoring.schedule.Quarter;
import cn.zhenxing.plugins.monitoring.schedule.ScheduleProgress;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.job.JobRun;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * 季度序时进度: the county's figures for a quarter, computed in one statement and stored (re-running replaces
 * the quarter's row). The quarter is the one containing the day before the run, so the run on the first day of a
 * quarter reports the quarter just ended and a run in the middle reports progress so far.
 */
public final class QuarterlyReport {

  private final PluginContext ctx;
  /** The quarter's 序时进度 against the city's plan, as of the report's day, goes into the report as {@code schedule}. */
  private final ScheduleProgress schedule;

  public QuarterlyReport(PluginContext ctx) {
    this.ctx = ctx;
    this.schedule = new ScheduleProgress(ctx.zone());
  }

  public Future<Void> run(JobRun run) {
    String county = run.county().orElseThrow().code();
    LocalDate day = LocalDate.ofInstant(run.scheduledAt(), ctx.clock().getZone()).minusDays(1);
    return generate(run.connection(), county, day);
  }

  Future<Void> generate(SqlConnection conn, String county, LocalDate day) {
    int quarter = (day.getMonthValue() - 1) / 3 + 1;
    LocalDate from = LocalDate.of(day.getYear(), (quarter - 1) * 3 + 1, 1);
    LocalDate to = from.plusMonths(3);
    return conn.preparedQuery("SELECT jsonb_build_object("
            + " 'households', (SELECT count(*) FROM monitoring.household WHERE county_code = $1),"
            + " 'alleviated', (SELECT count(*) FROM monitoring.household WHERE county_code = $1 AND category = '脱贫户'),"
            + " 'monitoringObjects', (SELECT coalesce(jsonb_object_agg(t, n), '{}') FROM (SELECT monitoring_type AS t,"
            + "   count(*) AS n FROM monitoring.household WHERE county_code = $1 AND risk_state = 'monitored'"
            + "   GROUP BY monitoring_type) x),"
            + " 'signals', (SELECT coalesce(jsonb_object_agg(c, n), '{}') FROM (SELECT channel AS c, count(*) AS n"
            + "   FROM monitoring.signal WHERE county_code = $1 AND occurred_on >= $2 AND occurred_on < $3"
            + "   GROUP BY channel) x),"
            + " 'warningsRaised', (SELECT count(*) FROM monitoring.warning WHERE county_code = $1 AND raised_on >= $2"
            + "   AND raised_on < $3),"
            + " 'warningsSettled', (SELECT count(*) FROM monitoring.warning WHERE county_code = $1"
            + "   AND settled_at >= $2 AND settled_at < $3),"
            + " 'warningsEscalated', (SELECT count(*) FROM monitoring.warning WHERE county_code = $1 AND escalations > 0"
            + "   AND raised_on >= $2 AND raised_on < $3),"
            + " 'identificationsApproved', (SELECT count(*) FROM monitoring.procedure WHERE county_code = $1"
            + "   AND kind = 'identification' AND state = 'approved' AND finished_at >= $2 AND finished_at < $3),"
            + " 'identificationsOnTime', (SELECT count(*) FROM monitoring.procedure WHERE county_code = $1"
            + "   AND kind = 'identification' AND state = 'approved' AND finished_at >= $2 AND finished_at < $3"
            + "   AND finished_at::date <= due_on),"
            + " 'eliminationsApproved', (SELECT count(*) FROM monitoring.procedure WHERE county_code = $1"
            + "   AND kind = 'elimination' AND state = 'approved' AND finished_at >= $2 AND finished_at < $3),"
            + " 'measuresStarted', (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT kind AS k, count(*) AS n"
            + "   FROM monitoring.measure WHERE county_code = $1 AND start_on >= $2 AND start_on < $3 GROUP BY kind) x)"
            + ") AS content")
        .execute(Tuple.of(county, from, to))
        .map(rows -> (JsonObject) rows.iterator().next().getValue("content"))
        .compose(content -> schedule.read(conn, List.of(county), Quarter.containing(day), day)
            .map(s -> content.put("schedule", ScheduleProgress.byTask(s.tasks(county)))))
        .compose(content -> {
          content.put("from", from.toString()).put("to", to.minusDays(1).toString());
          return conn.preparedQuery("INSERT INTO monitoring.quarterly_report (county_code, year, quarter, generated_at,"
                  + " content) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (county_code, year, quarter) DO UPDATE"
                  + " SET generated_at = excluded.generated_at, content = excluded.content")
              .execute(Tuple.of(county, day.getYear(), (short) quarter, ctx.clock().instant().atOffset(ZoneOffset.UTC),
                  content));
        })
        .mapEmpty();
  }
}
