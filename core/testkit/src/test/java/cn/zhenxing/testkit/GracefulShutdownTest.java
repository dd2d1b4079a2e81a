package cn.zhenxing.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An operator stops the service (SIGTERM) while a county clerk's request is being answered. */
class GracefulShutdownTest {

  private static final CountDownLatch REQUEST_ARRIVED = new CountDownLatch(1);

  /** A plugin whose one route takes a second to answer. */
  static final class SlowPlugin implements ZhenxingPlugin {
    @Override
    public void register(PluginContext context) {
      context.http().county().get("/slow").handler(rc -> {
        REQUEST_ARRIVED.countDown();
        context.vertx().setTimer(1000, id -> rc.response().end("done"));
      });
    }
  }

  @RegisterExtension
  final ZhenxingExtension zx = ZhenxingExtension.builder().plugin("slow", SlowPlugin::new).build();

  @Test
  void aRequestInFlightWhenTheServerStopsIsStillAnswered() throws Exception {
    TestHttp http = zx.http();
    assertEquals(200, http.put("/api/v1/counties/140702/plugins/slow", "{\"enabled\": true}").status());
    CompletableFuture<TestResponse> inFlight =
        CompletableFuture.supplyAsync(() -> http.get("/api/v1/slow/counties/140702/slow"));
    assertTrue(REQUEST_ARRIVED.await(10, TimeUnit.SECONDS), "the request reached the plugin");

    CompletableFuture<Void> stopped = zx.server().stop();

    TestResponse answer = inFlight.get(10, TimeUnit.SECONDS);
    assertEquals(200, answer.status());
    assertEquals("done", answer.body());
    stopped.get(30, TimeUnit.SECONDS);
    // Once stopped, the port no longer accepts requests.
    assertThrows(UncheckedIOException.class, () -> http.get("/health/live"));
  }
}
