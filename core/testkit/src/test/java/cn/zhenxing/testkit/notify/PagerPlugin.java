package cn.zhenxing.testkit.notify;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import cn.zhenxing.sdk.event.EventDelivery;
import cn.zhenxing.sdk.notify.Notifications;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

/**
 * The notification tests' delivery channel, standing for a later SMS or webhook adapter: it subscribes to
 * {@link Notifications#SENT_EVENT} and writes one row per delivery, on the delivery's connection.
 */
public final class PagerPlugin implements ZhenxingPlugin {

  public static final String ID = "pager";

  @Override
  public void register(PluginContext context) {
    context.events().subscribe(Notifications.SENT_EVENT, this::page);
  }

  private Future<Void> page(EventDelivery delivery) {
    JsonObject n = delivery.payload();
    return delivery.connection()
        .preparedQuery("INSERT INTO pager.paged (notification_id, county, audience, level, title)"
            + " VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(n.getLong("id"), delivery.county(), n.getString("audience"), n.getString("level"),
            n.getString("title")))
        .mapEmpty();
  }
}
