package cn.zhenxing.sdk.event;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

/**
 * The platform's durable events, as one plugin sees them ({@code ctx.events()}).
 *
 * <p><b>Publishing</b> records the event in PostgreSQL on the caller's connection, so it commits or rolls back with the
 * caller's change: an event whose transaction rolls back never existed. Publishing never fails because nobody
 * listens; consumers that are installed later, or whose county enables them later, still receive every event kept
 * (see the retention in the guide).
 *
 * <p><b>Subscribing</b> is declared in {@code register}; the host starts delivering after the plugin has started and
 * stops before it stops. Each event is handled by each subscribing plugin exactly once, across restarts and across
 * every server process on the database: the handler's writes on {@link EventDelivery#connection()} and the
 * "handled" mark commit together. A failed handler is retried with backoff; after
 * {@link EventSubscription#maxAttempts()} failures the event is marked failed for that consumer and later events
 * keep flowing.
 */
public interface Events {

  /**
   * Records an event in the caller's transaction.
   *
   * @param conn the connection of the transaction that makes the change (from {@code pool().withTransaction})
   * @param type the event type, {@code <publishing plugin id>.<name>} (e.g. {@link EventTypes#EMPLOYMENT_LOST}); a
   *     plugin publishes only its own types
   * @param countyCode the county the event belongs to, or the city code ({@code 140700}) for a city-wide event
   * @param payload the event's fields as documented for its type. Never personal data in clear (use blind indexes):
   *     a value that looks like an ID-card or mobile number is refused
   * @return the event id, once recorded (visible to consumers only when the transaction commits)
   */
  Future<Long> publish(SqlConnection conn, String type, String countyCode, JsonObject payload);

  /**
   * Subscribes this plugin to an event type with the default retry policy
   * ({@link EventSubscription#to(String)}). Call in {@code register} only.
   */
  default void subscribe(String type, EventHandler handler) {
    subscribe(EventSubscription.to(type), handler);
  }

  /** Subscribes this plugin to an event type with its own retry policy. Call in {@code register} only. */
  void subscribe(EventSubscription subscription, EventHandler handler);
}
