package cn.zhenxing.plugins.monitoring.warning;

import cn.zhenxing.plugins.monitoring.support.Settings;
import cn.zhenxing.sdk.notify.Notification;
import cn.zhenxing.sdk.notify.Notifications;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.LocalDate;

/**
 * The warnings' (预警) SLA dates in working days and their push to the county's inbox. Warnings are raised by the
 * signal intake (one statement for every channel) and the nightly evaluation; a household has at most one open
 * warning per rule (a unique index), so a second signal of the same kind joins the open one.
 */
public final class Warnings {

  private final Clock clock;
  private final Settings settings;
  private final Notifications notifications;

  public Warnings(Clock clock, Settings settings, Notifications notifications) {
    this.clock = clock;
    this.settings = settings;
    this.notifications = notifications;
  }

  /** The visit deadline of a warning raised on {@code day}. */
  public LocalDate visitDue(LocalDate day) {
    return settings.calendar().addWorkingDays(day, settings.visitDays());
  }

  public LocalDate settleDue(LocalDate day) {
    return settings.calendar().addWorkingDays(day, settings.settleDays());
  }

  /** Pushes a warning raised today to the county's inbox, with its place and visit deadline. */
  public Future<Void> notifyRaised(SqlConnection conn, String county, long id, int level, String detail,
      String township, String village) {
    // The household number is left out on purpose: some counties use 11-digit numbers that read like a phone number.
    String title = "防返贫监测预警 / Monitoring warning: " + township + village;
    LocalDate due = visitDue(LocalDate.now(clock));
    return notifications.send(conn, Notification.toCounty(county, "warning-raised", title,
                detail + "。请于 " + due + " 前入户核实 / visit by " + due)
            .level(level >= 3 ? Notification.Level.URGENT : Notification.Level.WARNING)
            .area(township, village)
            .link("/api/v1/monitoring/counties/" + county + "/warnings/" + id))
        .mapEmpty();
  }
}
