package cn.zhenxing.plugins.labor.target;

import cn.zhenxing.plugins.labor.employment.EmploymentCounts.Figures;
import cn.zhenxing.plugins.labor.employment.EmploymentCounts;
import cn.zhenxing.sdk.job.JobRun;
import cn.zhenxing.sdk.notify.Notification;
import cn.zhenxing.sdk.notify.Notifications;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Per county: compares the people employed today with the pro-rata path to the year's targets (the target times the
 * share of the year gone by) and records the result; a county below the path on either figure is told so through
 * its notifications.
 */
public final class GapReportJob {

  private final ZoneId zone;
  private final Notifications notifications;

  public GapReportJob(ZoneId zone, Notifications notifications) {
    this.zone = zone;
    this.notifications = notifications;
  }

  /** The pro-rata path: where a county should stand on {@code day} to reach {@code target} by the year's end. */
  static int expected(int target, LocalDate day) {
    return (int) Math.ceil((double) target * day.getDayOfYear() / day.lengthOfYear());
  }

  public Future<Void> run(JobRun run) {
    String county = run.county().orElseThrow().code();
    LocalDate today = LocalDate.ofInstant(run.scheduledAt(), zone);
    return run.connection().preparedQuery("SELECT employed_target, outside_target FROM labor.county_target"
            + " WHERE county_code = $1 AND year = $2").execute(Tuple.of(county, today.getYear()))
        .compose(targets -> targets.size() == 0 ? Future.succeededFuture()
            : EmploymentCounts.of(run.connection(), county, today)
                .compose(f -> report(run, county, today, targets.iterator().next(), f)));
  }

  private Future<Void> report(JobRun run, String county, LocalDate today, Row target, Figures f) {
    int employedExpected = expected(target.getInteger("employed_target"), today);
    int outsideExpected = expected(target.getInteger("outside_target"), today);
    boolean below = f.employed() < employedExpected || f.outside() < outsideExpected;
    Future<?> recorded = run.connection().preparedQuery("""
            INSERT INTO labor.gap_report (county_code, report_date, employed, employed_expected, outside,
                                          outside_expected, below_path, taken_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (county_code, report_date) DO UPDATE SET employed = excluded.employed,
              employed_expected = excluded.employed_expected, outside = excluded.outside,
              outside_expected = excluded.outside_expected, below_path = excluded.below_path,
              taken_at = excluded.taken_at""")
        .execute(Tuple.from(new Object[] {county, today, (int) f.employed(), employedExpected, (int) f.outside(),
            outsideExpected, below, run.scheduledAt().atOffset(ZoneOffset.UTC)}));
    if (!below) {
      return recorded.mapEmpty();
    }
    String body = "截至 " + today + "，务工就业 " + f.employed() + " 人（按序时进度应达 " + employedExpected + " 人），"
        + "其中省外 " + f.outside() + " 人（应达 " + outsideExpected + " 人）。 / As of " + today + ", "
        + f.employed() + " employed (path " + employedExpected + "), " + f.outside() + " outside the province (path "
        + outsideExpected + ").";
    return recorded.compose(v -> notifications.send(run.connection(), Notification.toCounty(county,
            "employment-below-path", "务工就业低于序时进度 / Employment below the pro-rata path", body)
        .level(Notification.Level.WARNING)
        .link("/api/v1/labor/counties/" + county + "/gap-reports")))
        .mapEmpty();
  }
}
