package cn.zhenxing.plugins.monitoring.warning;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.job.JobRun;
import cn.zhenxing.sdk.notify.Notification;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;

/**
 * The SLA timers: a warning not visited by its visit date, or not settled by its settlement date, escalates once
 * per deadline — one level up (at most 3), counted, and pushed to the county and to the city. One set-based UPDATE
 * per county run. Identifications still running past their due date (15 days after the first signal) are escalated
 * once the same way.
 */
public final class SlaCheck {

  private final PluginContext ctx;

  public SlaCheck(PluginContext ctx) {
    this.ctx = ctx;
  }

  public Future<Void> run(JobRun run) {
    String county = run.county().orElseThrow().code();
    LocalDate today = LocalDate.ofInstant(run.scheduledAt(), ctx.clock().getZone());
    return warnings(run.connection(), county, today).compose(v -> identifications(run.connection(), county, today));
  }

  private Future<Void> identifications(SqlConnection conn, String county, LocalDate today) {
    return conn.preparedQuery("UPDATE monitoring.procedure SET escalated = true WHERE county_code = $1"
            + " AND kind = 'identification' AND state = 'in-progress' AND due_on < $2 AND NOT escalated RETURNING id")
        .execute(Tuple.of(county, today))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture();
          }
          String body = rows.size() + " 户识别认定超过自首次信号起 15 日时限 / " + rows.size()
              + " identifications are past their due date";
          String link = "/api/v1/monitoring/counties/" + county + "/procedures?overdue=true";
          return ctx.notifications().send(conn, Notification.toCounty(county, "identification-overdue",
                      "识别认定逾期 / Identifications overdue", body).level(Notification.Level.URGENT).link(link))
              .compose(v -> ctx.notifications().send(conn, Notification.toCity("identification-overdue",
                  "县区识别认定逾期 / County identifications overdue: " + county, body)
                  .level(Notification.Level.URGENT).link(link)))
              .mapEmpty();
        });
  }

  private Future<Void> warnings(SqlConnection conn, String county, LocalDate today) {
    // stage 1: the visit is overdue; stage 2: the settlement is overdue. A warning late for both jumps to stage 2.
    return conn.preparedQuery("WITH stage AS (SELECT id, escalations AS before, CASE WHEN settle_due < $2 THEN 2"
            + " WHEN state = 'open' AND visit_due < $2 THEN 1 ELSE 0 END AS after FROM monitoring.warning"
            + " WHERE county_code = $1 AND state <> 'settled' FOR UPDATE)"
            + " UPDATE monitoring.warning w SET escalations = s.after, level = least(w.level + s.after - s.before, 3)"
            + " FROM stage s WHERE w.id = s.id AND s.after > s.before"
            + " RETURNING w.id, s.after AS stage")
        .execute(Tuple.of(county, today))
        .compose(rows -> {
          int visits = 0;
          int settlements = 0;
          for (Row r : rows) {
            if (r.getInteger("stage") == 2) {
              settlements++;
            } else {
              visits++;
            }
          }
          if (visits + settlements == 0) {
            return Future.succeededFuture();
          }
          ctx.metrics().counter("warnings_escalated", "Warnings escalated for a missed SLA deadline", county)
              .increment(visits + settlements);
          String body = "本次逾期升级：未按期入户核实 " + visits + " 条，未按期办结 " + settlements + " 条 / escalated: "
              + visits + " not visited in time, " + settlements + " not settled in time";
          String link = "/api/v1/monitoring/counties/" + county + "/warnings?overdue=true";
          return ctx.notifications().send(conn, Notification.toCounty(county, "warning-overdue",
                      "预警逾期升级 / Warnings overdue", body).level(Notification.Level.URGENT).link(link))
              .compose(v -> ctx.notifications().send(conn, Notification.toCity("warning-overdue",
                      "县区预警逾期升级 / County warnings overdue: " + county, body)
                  .level(Notification.Level.URGENT).link(link)))
              .mapEmpty();
        });
  }
}
