package cn.zhenxing.sdk.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Pushes a message to people: an overdue warning to the county's staff, a major hazard to the city, a reminder that
 * the monthly report is due. The platform keeps every notification in the in-app inbox of the users it targets
 * ({@code GET /api/v1/inbox}) and hands it to delivery channels (SMS, webhook, …) as the core event
 * {@value #SENT_EVENT}, so a channel is just another plugin subscribing to that event.
 *
 * <pre>{@code
 * ctx.pool().withTransaction(conn -> markOverdue(conn, warning)
 *     .compose(w -> ctx.notifications().send(conn, Notification.toCounty(w.county(), "warning-overdue",
 *             "预警逾期未核实 / Warning overdue", "张三户的自主申报已超过 5 个工作日未走访核实")
 *         .level(Notification.Level.URGENT).area(w.township(), w.village()).link("/monitoring/warnings/" + w.id()))));
 * }</pre>
 */
public interface Notifications {

  /**
   * The core event type a notification is published as, after it is recorded: payload {@code id}, {@code plugin},
   * {@code kind}, {@code level}, {@code audience} ({@code county} or {@code city}), {@code title}, {@code body},
   * {@code link}, {@code township}, {@code village}. County: the notification's county (none for the city).
   */
  String SENT_EVENT = "core.notification-sent";

  /**
   * Records the notification on {@code conn}, in the caller's transaction: if it rolls back, nobody is notified.
   *
   * @return the notification's id
   * @throws IllegalArgumentException (as a failed future) for a title over 200 or a body over 2,000 characters, or a
   *     text that looks like an ID-card or phone number — notifications never carry personal data in clear
   */
  Future<Long> send(SqlConnection conn, Notification notification);
}
