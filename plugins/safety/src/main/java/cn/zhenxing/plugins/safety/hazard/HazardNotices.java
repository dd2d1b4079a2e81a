package cn.zhenxing.plugins.safety.hazard;

import cn.zhenxing.sdk.notify.Notification;
import cn.zhenxing.sdk.notify.Notifications;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Sends a notification about a hazard, naming the enterprise and the hazard code users know. Those are typed by
 * users, and the platform refuses a notification whose text looks like an ID-card or phone number (a code such as
 * {@code 13912345678} would). Then the same notice goes out naming the hazard by its id only, so that one oddly
 * written code can never block a county's escalations day after day.
 */
final class HazardNotices {

  private final Notifications notifications;

  HazardNotices(Notifications notifications) {
    this.notifications = notifications;
  }

  /** @param plain the same notice with the hazard's id instead of any user-typed text */
  Future<Long> send(SqlConnection conn, Notification notice, Notification plain) {
    return notifications.send(conn, notice)
        .recover(e -> e instanceof IllegalArgumentException ? notifications.send(conn, plain) : Future.failedFuture(e));
  }
}
