package cn.zhenxing.server.event;

import cn.zhenxing.sdk.event.EventHandler;
import cn.zhenxing.sdk.event.EventSubscription;
import cn.zhenxing.sdk.event.Events;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One plugin's view of the {@link EventOutbox}: publishes under the plugin's id and collects its subscriptions during
 * {@code register}; the plugin host hands them to the outbox once the plugin has started.
 */
public final class PluginEvents implements Events {

  /** A subscription declared by the plugin. */
  public record Declared(EventSubscription subscription, EventHandler handler) {
  }

  private final String pluginId;
  private final EventOutbox outbox;
  private final List<Declared> declared = new ArrayList<>();

  PluginEvents(String pluginId, EventOutbox outbox) {
    this.pluginId = pluginId;
    this.outbox = outbox;
  }

  @Override
  public Future<Long> publish(SqlConnection conn, String type, String countyCode, JsonObject payload) {
    return outbox.publish(pluginId, conn, type, countyCode, payload);
  }

  @Override
  public void subscribe(EventSubscription subscription, EventHandler handler) {
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(handler, "handler");
    if (declared.stream().anyMatch(d -> d.subscription().type().equals(subscription.type()))) {
      throw new IllegalArgumentException("event type " + subscription.type() + " is subscribed twice");
    }
    declared.add(new Declared(subscription, handler));
  }

  /** The subscriptions declared so far. */
  public List<Declared> declared() {
    return List.copyOf(declared);
  }
}
