package cn.zhenxing.sdk.event;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;

/** One event handed to one consumer, inside the delivery's transaction. */
public interface EventDelivery {

  /** The event id: unique and increasing in the order events were recorded (not necessarily committed). */
  long id();

  /** The event type, e.g. {@link EventTypes#EMPLOYMENT_LOST}. */
  String type();

  /** The county code the event belongs to (or the city code for a city-wide event). */
  String county();

  /** The event's fields, as documented for its type (a copy). */
  JsonObject payload();

  /** When the publisher recorded it (platform clock). */
  Instant occurredAt();

  /** The id of the plugin that published it. */
  String publisher();

  /** Which attempt this is for this consumer: 1 the first time, more after failures. */
  int attempt();

  /** The delivery's transaction: write here, so the writes commit exactly once with the "handled" mark. */
  SqlConnection connection();
}
