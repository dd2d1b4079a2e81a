package cn.zhenxing.testkit.event;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import cn.zhenxing.sdk.event.EventDelivery;
import cn.zhenxing.sdk.event.EventSubscription;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event tests' consumer of {@link CourierPlugin#SENT}: one row in {@code inbox.received} per handling, written
 * on the delivery's connection. By the payload's {@code mode}: {@code ok} handles; {@code flaky} writes its row and
 * then fails on its first two calls; {@code poison} writes its row and always fails.
 */
public final class InboxPlugin implements ZhenxingPlugin {

  public static final String ID = "inbox";
  public static final int MAX_ATTEMPTS = 4;
  /** Calls of the handler per parcel ref, across every instance in this JVM. */
  static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

  private final String instance = UUID.randomUUID().toString().substring(0, 8);

  @Override
  public void register(PluginContext context) {
    context.events().subscribe(EventSubscription.to(CourierPlugin.SENT).maxAttempts(MAX_ATTEMPTS)
        .backoff(Duration.ofMillis(100), Duration.ofMillis(200)).timeout(Duration.ofSeconds(5)), this::handle);
  }

  private Future<Void> handle(EventDelivery delivery) {
    String ref = delivery.payload().getString("ref");
    String mode = delivery.payload().getString("mode");
    int call = CALLS.computeIfAbsent(ref, r -> new AtomicInteger()).incrementAndGet();
    return delivery.connection()
        .preparedQuery("INSERT INTO inbox.received (event_id, ref, county, attempt, instance) "
            + "VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(delivery.id(), ref, delivery.county(), delivery.attempt(), instance))
        .compose(rows -> switch (mode) {
          case "flaky" -> call <= 2 ? Future.failedFuture(new IllegalStateException("flaky call " + call))
              : Future.<Void>succeededFuture();
          case "poison" -> Future.failedFuture(new IllegalStateException("poison " + ref));
          default -> Future.<Void>succeededFuture();
        });
  }
}
