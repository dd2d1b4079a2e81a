package cn.zhenxing.plugins.supply.monitoring;

import cn.zhenxing.plugins.supply.alert.Alert;
import cn.zhenxing.plugins.supply.alert.Alerts;
import cn.zhenxing.plugins.supply.support.Settings;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.job.JobRun;
import cn.zhenxing.sdk.notify.Notification;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The two daily checks of the monthly reports, per county: a reminder {@code reminderDaysBefore} days before the due
 * day to the county whose active points have not yet reported; after the due day, a {@code report-late} alert for
 * each active point still missing this month's report (once per point and month).
 */
public final class ReportDeadlines {

  private final PluginContext ctx;
  private final Alerts alerts;
  private final Settings settings;

  public ReportDeadlines(PluginContext ctx, Alerts alerts, Settings settings) {
    this.ctx = ctx;
    this.alerts = alerts;
    this.settings = settings;
  }

  public Future<Void> remind(JobRun run) {
    LocalDate today = LocalDate.ofInstant(run.scheduledAt(), ctx.zone());
    int reminderDay = Math.max(1, settings.reportDueDay() - settings.reminderDaysBefore());
    if (today.getDayOfMonth() != reminderDay) {
      return Future.succeededFuture();
    }
    String county = run.county().orElseThrow().code();
    LocalDate due = today.withDayOfMonth(settings.reportDueDay());
    return missing(run.connection(), county, today).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture();
      }
      List<String> names = new ArrayList<>();
      rows.forEach(r -> names.add(r.getString("name")));
      return ctx.notifications().send(run.connection(), Notification.toCounty(county, "report-reminder",
              "农资监测月报提醒 / Monthly monitoring report due",
              "请于 " + due + " 前报送本月农资监测报告：" + String.join("、", names) + " / "
                  + names.size() + " point(s) have not reported yet; due " + due)
          .link("/api/v1/supply/counties/" + county + "/points")).mapEmpty();
    });
  }

  public Future<Void> flagLate(JobRun run) {
    LocalDate today = LocalDate.ofInstant(run.scheduledAt(), ctx.zone());
    if (today.getDayOfMonth() <= settings.reportDueDay()) {
      return Future.succeededFuture();
    }
    String county = run.county().orElseThrow().code();
    LocalDate period = today.withDayOfMonth(1);
    return missing(run.connection(), county, today).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row point : rows) {
        long id = point.getLong("id");
        String name = point.getString("name");
        chain = chain.compose(v -> alerts.raise(run.connection(), new Alert(county, "report-late", "point-" + id,
            period, null, id, null, null, "农资监测月报逾期 / Monthly monitoring report late",
            name + " 未在 " + period.withDayOfMonth(settings.reportDueDay()) + " 前报送 " + period.getYear() + "年"
                + period.getMonthValue() + "月监测报告 / has not reported for " + period.toString().substring(0, 7)
                + " by the due day")).mapEmpty());
      }
      return chain;
    });
  }

  /** The county's active points without a report for the month of {@code day}. */
  private static Future<RowSet<Row>> missing(SqlConnection conn, String county, LocalDate day) {
    return conn.preparedQuery("SELECT p.id, p.name FROM supply.monitoring_point p WHERE p.county_code = $1"
            + " AND p.active AND NOT EXISTS (SELECT 1 FROM supply.point_report r WHERE r.point_id = p.id"
            + " AND r.period = $2) ORDER BY p.id")
        .execute(Tuple.of(county, day.withDayOfMonth(1)));
  }
}
