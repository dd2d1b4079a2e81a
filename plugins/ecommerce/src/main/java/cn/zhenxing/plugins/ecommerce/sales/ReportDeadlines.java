package cn.zhenxing.plugins.ecommerce.sales;

import java.time.OffsetDateTime;
import cn.zhenxing.plugins.ecommerce.support.Months;
import cn.zhenxing.plugins.ecommerce.support.Settings;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.job.JobRun;
import cn.zhenxing.sdk.notify.Notification;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;

/**
 * The monthly report deadline: a reminder at the start of the month naming how many shops still owe last month's
 * report, and, once the due day has passed, the missing ones flagged (kept in {@code ecommerce.missing_report}) with a
 * warning to the county. A shop is expected to report a month when it was open during it.
 */
public final class ReportDeadlines {

  /** Shops of county $1 open during the month starting $2 (next month starts $3) with no report for it. */
  private static final String MISSING = "SELECT s.id FROM ecommerce.shop s WHERE s.county_code = $1"
      + " AND (s.opened_on IS NULL OR s.opened_on < $3) AND (s.closed_on IS NULL OR s.closed_on >= $2)"
      + " AND NOT EXISTS (SELECT 1 FROM ecommerce.sales_report r WHERE r.shop_id = s.id AND r.month = $2)";

  private final PluginContext ctx;
  private final Settings settings;

  public ReportDeadlines(PluginContext ctx, Settings settings) {
    this.ctx = ctx;
    this.settings = settings;
  }

  /** Job {@code report-reminder}: tells the county how many shops have not yet reported last month. */
  public Future<Void> remind(JobRun run) {
    String county = run.county().orElseThrow().code();
    LocalDate month = lastMonth(run);
    return run.connection().preparedQuery("SELECT count(*) AS n FROM (" + MISSING + ") m")
        .execute(Tuple.of(county, month, month.plusMonths(1)))
        .map(rows -> rows.iterator().next().getLong("n"))
        .compose(n -> n == 0 ? Future.succeededFuture() : ctx.notifications().send(run.connection(),
            Notification.toCounty(county, "sales-report-due", "请报送 " + Months.format(month) + " 月电商销售数据"
                    + " / Monthly sales reports due",
                n + " 家店铺尚未报送 " + Months.format(month) + " 月销售数据，截止日期 " + settings.dueDate(month)
                    + " / " + n + " shops have not reported " + Months.format(month) + "; due "
                    + settings.dueDate(month))
                .link("/api/v1/ecommerce/counties/" + county + "/sales-reports?month=" + Months.format(month)))
            .mapEmpty());
  }

  /**
   * Job {@code late-reports}: after the due day, flags each shop still missing last month's report (once) and warns
   * the county about the newly flagged ones.
   */
  public Future<Void> flagLate(JobRun run) {
    String county = run.county().orElseThrow().code();
    LocalDate month = lastMonth(run);
    LocalDate today = LocalDate.ofInstant(run.scheduledAt(), ctx.zone());
    if (!today.isAfter(settings.dueDate(month))) {
      return Future.succeededFuture();
    }
    return run.connection().preparedQuery("INSERT INTO ecommerce.missing_report (shop_id, month, county_code,"
            + " flagged_at) SELECT id, $2, $1, $4 FROM (" + MISSING + ") m ON CONFLICT (shop_id, month) DO NOTHING")
        .execute(Tuple.of(county, month, month.plusMonths(1), OffsetDateTime.now(ctx.clock())))
        .map(rows -> rows.rowCount())
        .compose(n -> n == 0 ? Future.succeededFuture() : ctx.notifications().send(run.connection(),
            Notification.toCounty(county, "sales-report-late", Months.format(month) + " 月电商销售数据逾期未报"
                    + " / Monthly sales reports overdue",
                n + " 家店铺逾期未报送 " + Months.format(month) + " 月销售数据（截止 " + settings.dueDate(month) + "）/ "
                    + n + " shops are late with " + Months.format(month))
                .level(Notification.Level.WARNING)
                .link("/api/v1/ecommerce/counties/" + county + "/missing-reports?month=" + Months.format(month)))
            .mapEmpty());
  }

  private LocalDate lastMonth(JobRun run) {
    return LocalDate.ofInstant(run.scheduledAt(), ctx.zone()).withDayOfMonth(1).minusMonths(1);
  }
}
