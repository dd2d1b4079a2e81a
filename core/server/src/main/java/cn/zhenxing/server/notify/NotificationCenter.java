package cn.zhenxing.server.notify;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.notify.Notification;
import cn.zhenxing.sdk.notify.Notifications;
import cn.zhenxing.server.event.EventOutbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The core side of the SDK's notify port: records a plugin's notification in {@code core.notification} (the inbox)
 * and publishes {@link Notifications#SENT_EVENT} on the same connection, so a delivery channel plugin gets each one
 * exactly once, and nothing at all if the plugin's transaction rolls back.
 */
public final class NotificationCenter {

  static final int MAX_TITLE = 200;
  static final int MAX_BODY = 2000;
  /** An ID-card or mobile number anywhere in a text (not only the whole text, as in event payloads). */
  private static final Pattern PERSONAL_NUMBER = Pattern.compile("(?<![0-9])([0-9]{17}[0-9Xx]|1[3-9][0-9]{9})(?![0-9])");

  static final Pattern KIND = Pattern.compile("^[a-z][a-z0-9.-]{0,63}$");

  private final EventOutbox events;
  private final Clock clock;
  private final MeterRegistry registry;

  public NotificationCenter(EventOutbox events, Clock clock, MeterRegistry registry) {
    this.events = events;
    this.clock = clock;
    this.registry = registry;
  }

  /** The port as one plugin sees it: everything it sends is attributed to it. */
  public Notifications forPlugin(String pluginId) {
    return (conn, notification) -> send(pluginId, conn, notification);
  }

  Future<Long> send(String pluginId, SqlConnection conn, Notification n) {
    try {
      check(conn, n);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    String level = n.level().name().toLowerCase(Locale.ROOT);
    return conn.preparedQuery("INSERT INTO core.notification (plugin, county, kind, level, title, body, link,"
            + " township, village, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
        .execute(Tuple.from(new Object[] {pluginId, n.county(), n.kind(), level, n.title(), n.body(), n.link(),
            n.township(), n.village(), clock.instant().atOffset(ZoneOffset.UTC)}))
        .map(rows -> rows.iterator().next().getLong("id"))
        .compose(id -> events.publishAsCore(conn, Notifications.SENT_EVENT,
                n.county() == null ? County.CITY_CODE : n.county(), new JsonObject()
                    .put("id", id).put("plugin", pluginId).put("kind", n.kind()).put("level", level)
                    .put("audience", n.county() == null ? "city" : "county").put("title", n.title())
                    .put("body", n.body()).put("link", n.link()).put("township", n.township())
                    .put("village", n.village()))
            .map(eventId -> {
              Counter.builder("zx_notifications_sent").description("Notifications recorded, by plugin and level")
                  .tag("plugin", pluginId).tag("level", level).register(registry).increment();
              return id;
            }));
  }

  private static void check(SqlConnection conn, Notification n) {
    if (conn == null) {
      throw new IllegalArgumentException("send needs the connection of the transaction that causes the notification");
    }
    if (!KIND.matcher(n.kind()).matches()) {
      throw new IllegalArgumentException("a notification kind is lower case, e.g. warning-overdue: " + n.kind());
    }
    if (n.title().isBlank() || n.title().length() > MAX_TITLE) {
      throw new IllegalArgumentException("a notification title has 1 to " + MAX_TITLE + " characters");
    }
    if (n.body().length() > MAX_BODY) {
      throw new IllegalArgumentException("a notification body has at most " + MAX_BODY + " characters");
    }
    if (n.county() != null && (n.county().equals(County.CITY_CODE) || !n.county().matches("[0-9]{6}"))) {
      throw new IllegalArgumentException("a county notification names a county code (use toCity for the city): "
          + n.county());
    }
    for (String text : new String[] {n.title(), n.body(), n.link(), n.township(), n.village()}) {
      if (text != null && PERSONAL_NUMBER.matcher(text.replace(" ", "")).find()) {
        throw new IllegalArgumentException("notification " + n.kind() + " contains what looks like an ID-card or "
            + "phone number: notifications never carry personal data in clear (use the masked form)");
      }
    }
  }
}
