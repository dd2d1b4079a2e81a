package cn.zhenxing.testkit.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.server.ZhenxingServer;
import cn.zhenxing.testkit.Eventually;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: the courier programme records "parcel sent" events in the transactions that send parcels; the inbox
 * programme turns each into one row of its own, exactly once, whatever fails, restarts or runs twice.
 */
class EventsTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin(CourierPlugin.ID, CourierPlugin::new)
      .plugin(InboxPlugin.ID, InboxPlugin::new)
      .build();

  /** Enables both plugins. */
  private static final String BOTH = "140702";
  /** Enables the courier only (until a test enables the inbox there). */
  private static final String COURIER_ONLY = "140703";

  @BeforeAll
  static void enablePlugins() {
    enable(BOTH, CourierPlugin.ID, true);
    enable(BOTH, InboxPlugin.ID, true);
    enable(COURIER_ONLY, CourierPlugin.ID, true);
  }

  @Test
  void anEventWhoseTransactionRollsBackIsNeverDelivered() {
    assertEquals(409, send(BOTH, new JsonObject().put("ref", "rolled-back").put("rollback", true)).status());
    assertEquals(201, send(BOTH, new JsonObject().put("ref", "after-rollback")).status());
    awaitCount("the event after the rollback handled", 10, n -> n == 1,
        "SELECT count(*) FROM inbox.received WHERE ref = 'after-rollback'");

    assertEquals(0, count("SELECT count(*) FROM core.event WHERE payload->>'ref' = 'rolled-back'"));
    assertEquals(0, count("SELECT count(*) FROM courier.parcel WHERE ref = 'rolled-back'"));
    assertEquals(0, count("SELECT count(*) FROM inbox.received WHERE ref = 'rolled-back'"));
  }

  @Test
  void twoHundredEventsAreHandledExactlyOnce_withTwoServerProcessesOnOneDatabase() throws Exception {
    ZhenxingServer other = zx.startAnother();
    try {
      assertEquals(201, send(BOTH, new JsonObject().put("ref", "bulk").put("count", 200)).status());
      awaitCount("200 bulk events handled", 15, n -> n >= 200,
          "SELECT count(*) FROM core.event_delivery d JOIN core.event e ON e.id = d.event_id "
              + "WHERE d.consumer = 'inbox' AND d.state = 'handled' AND e.payload->>'ref' LIKE 'bulk-%'");
    } finally {
      other.stop().join();
    }
    Row r = zx.sql("SELECT count(*) AS rows, count(DISTINCT event_id) AS events, count(DISTINCT ref) AS refs "
        + "FROM inbox.received WHERE ref LIKE 'bulk-%'").iterator().next();
    assertEquals(200, r.getLong("rows"), "one consumer row per event");
    assertEquals(200, r.getLong("events"));
    assertEquals(200, r.getLong("refs"));
    assertEquals(200, count("SELECT count(*) FROM core.event_delivery d JOIN core.event e ON e.id = d.event_id "
        + "WHERE d.consumer = 'inbox' AND e.payload->>'ref' LIKE 'bulk-%' AND d.attempts = 1"));
  }

  @Test
  void aConsumerThatFailsTwiceThenSucceedsLeavesOneRow_andItsAttemptsAreRecorded() {
    assertEquals(201, send(BOTH, new JsonObject().put("ref", "flaky").put("mode", "flaky")).status());
    awaitCount("the flaky event handled", 10, n -> n == 1, "SELECT count(*) FROM core.event_delivery d "
        + "JOIN core.event e ON e.id = d.event_id WHERE e.payload->>'ref' = 'flaky' AND d.state = 'handled'");

    Row d = zx.sql("SELECT d.attempts, d.last_error FROM core.event_delivery d JOIN core.event e "
        + "ON e.id = d.event_id WHERE e.payload->>'ref' = 'flaky'").iterator().next();
    assertEquals(3, d.getInteger("attempts"));
    assertTrue(d.getString("last_error").contains("flaky call 2"), d.getString("last_error"));
    Row row = zx.sql("SELECT count(*) AS n, max(attempt) AS attempt FROM inbox.received WHERE ref = 'flaky'")
        .iterator().next();
    assertEquals(1, row.getLong("n"), "the rows of the failed attempts rolled back");
    assertEquals(3, row.getInteger("attempt"), "the handler saw its attempt number");
  }

  @Test
  void aPoisonEventIsMarkedFailedAfterItsAttempts_andLaterEventsStillFlow() {
    assertEquals(201, send(BOTH, new JsonObject().put("ref", "poison").put("mode", "poison")).status());
    assertEquals(201, send(BOTH, new JsonObject().put("ref", "after-poison")).status());
    awaitCount("the event after the poison handled", 10, n -> n == 1,
        "SELECT count(*) FROM inbox.received WHERE ref = 'after-poison'");
    awaitCount("the poison event set aside", 10, n -> n == 1, "SELECT count(*) FROM core.event_delivery d "
        + "JOIN core.event e ON e.id = d.event_id WHERE e.payload->>'ref' = 'poison' AND d.state = 'failed'");

    Row d = zx.sql("SELECT d.attempts, d.last_error FROM core.event_delivery d JOIN core.event e "
        + "ON e.id = d.event_id WHERE e.payload->>'ref' = 'poison'").iterator().next();
    assertEquals(InboxPlugin.MAX_ATTEMPTS, d.getInteger("attempts"));
    assertTrue(d.getString("last_error").contains("poison"), d.getString("last_error"));
    assertEquals(InboxPlugin.MAX_ATTEMPTS, InboxPlugin.CALLS.get("poison").get(), "no attempt after the last");
    assertEquals(0, count("SELECT count(*) FROM inbox.received WHERE ref = 'poison'"));

    String metrics = zx.http().get("/metrics").body();
    assertTrue(metrics.contains("zx_events_handled_total{consumer=\"inbox\",outcome=\"failed\""), metrics);
    assertTrue(metrics.contains("zx_events_handled_total{consumer=\"inbox\",outcome=\"handled\""));
    assertTrue(metrics.contains("zx_events_published_total{type=\"courier.parcel-sent\"}"));
    assertTrue(metrics.contains("zx_events_pending{consumer=\"inbox\",type=\"courier.parcel-sent\"}"));
  }

  @Test
  void eventsOfACountyThatDoesNotEnableTheConsumerWait_surviveARestart_andArriveOnceItIsEnabled() {
    assertEquals(201, send(COURIER_ONLY, new JsonObject().put("ref", "waiting")).status());
    assertEquals(201, send(BOTH, new JsonObject().put("ref", "marker")).status());
    awaitCount("the marker handled", 10, n -> n == 1, "SELECT count(*) FROM inbox.received WHERE ref = 'marker'");
    assertEquals(0, count("SELECT count(*) FROM core.event_delivery d JOIN core.event e ON e.id = d.event_id "
        + "WHERE e.payload->>'ref' = 'waiting'"), "not delivered to a county that does not enable the inbox");

    zx.restart();
    enable(COURIER_ONLY, InboxPlugin.ID, true);
    try {
      awaitCount("the waiting event handled after the restart", 10, n -> n == 1,
          "SELECT count(*) FROM inbox.received WHERE ref = 'waiting'");
    } finally {
      enable(COURIER_ONLY, InboxPlugin.ID, false);
    }
    assertEquals(1, count("SELECT count(*) FROM inbox.received WHERE ref = 'marker'"), "not handled again");
  }

  @Test
  void publishingSucceedsWhenNobodySubscribes() {
    assertEquals(201, send(BOTH, new JsonObject().put("ref", "lonely").put("type", "unheard")).status());
    assertEquals(1, count("SELECT count(*) FROM core.event WHERE type = 'courier.unheard' "
        + "AND payload->>'ref' = 'lonely' AND publisher = 'courier' AND county = '" + BOTH + "'"));
    assertEquals(1, count("SELECT count(*) FROM courier.parcel WHERE ref = 'lonely'"));
    assertEquals(0, count("SELECT count(*) FROM core.event_delivery d JOIN core.event e ON e.id = d.event_id "
        + "WHERE e.type = 'courier.unheard'"));
  }

  @Test
  void personalDataInClearIsRefused_andTheTransactionRollsBack() {
    TestResponse r = send(BOTH, new JsonObject().put("ref", "11010519491231002X"));
    assertEquals(500, r.status(), r.toString());
    assertEquals(0, count("SELECT count(*) FROM courier.parcel WHERE ref = '11010519491231002X'"));
    assertEquals(0, count("SELECT count(*) FROM core.event WHERE payload->>'ref' = '11010519491231002X'"));
  }

  private static TestResponse send(String county, JsonObject body) {
    return zx.http().post("/api/v1/courier/counties/" + county + "/parcels", body);
  }

  private static void enable(String county, String plugin, boolean enabled) {
    zx.setPluginEnabled(plugin, enabled, county);
  }

  private static long count(String sql) {
    return zx.sql(sql).iterator().next().getLong(0);
  }

  /** Polls until {@code done} accepts the count; fails with the last count after the limit. */
  private static void awaitCount(String what, int seconds, LongPredicate done, String sql) {
    Eventually.poll(Duration.ofSeconds(seconds), what, () -> count(sql), done::test);
  }
}
