package cn.zhenxing.testkit.audit;

import static cn.zhenxing.testkit.audit.AuditSupport.count;
import static cn.zhenxing.testkit.audit.AuditSupport.setEnabled;
import static cn.zhenxing.testkit.audit.AuditSupport.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.server.audit.AuditChain;
import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: audit rows are kept at least 180 days; the daily retention job removes older ones, never a younger one, and
 * what remains still verifies.
 */
class AuditRetentionTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin(ReliefPlugin.ID, ReliefPlugin::new)
      .config("security.audit.retentionDays", 180)
      .build();

  private static final String RUN = "/api/v1/jobs/core/audit-retention/runs";

  @Test
  void theJobRemovesRowsOlderThanTheRetention_keepsYoungerOnes_andTheChainStillVerifies() throws Exception {
    setEnabled(zx, "140702", ReliefPlugin.ID, true);
    TestHttp auditor = zx.createUser("aud3", "140700", List.of("auditor"), List.of());
    // Old rows between recent ones, so pruning leaves holes in the middle of the chain, not only at its start.
    insertAged("400 days", "old-400");
    insertAged("250 days", "old-250");
    insertAged("180 days - 4 seconds", "edge"); // younger than 180 days for a few seconds more
    insertAged("200 days", "old-200");
    payment("HH-R1");
    insertAged("181 days", "old-181");
    insertAged("179 days", "young-179");
    payment("HH-R2");
    insertAged("100 days", "young-100");
    assertTrue(verify(auditor).getBoolean("valid"));
    // Rows clearly younger than the retention (the edge row, seconds from the limit, is checked on its own below:
    // counting it here would make the test depend on how fast the machine is).
    long recent = count(zx, "SELECT count(*) FROM core.audit_log WHERE at > now() - interval '179 days 12 hours'");

    JsonObject first = runJob(zx.http());
    assertEquals("succeeded", first.getJsonArray("runs").getJsonObject(0).getString("outcome"), first::encode);
    assertEquals(List.of("edge", "young-100", "young-179"), aged());
    assertEquals(recent + 2, count(zx,
        "SELECT count(*) FROM core.audit_log WHERE at > now() - interval '179 days 12 hours'"),
        "every row younger than 180 days is still there, plus the job's own audit row and that of the trigger");
    assertEquals(1, count(zx, "SELECT count(*) FROM core.audit_log WHERE action = 'run' AND object_type = 'job' "
        + "AND object_id = 'core/audit-retention'"), "the operator's manual trigger is audited");
    Row prune = zx.sql("SELECT * FROM core.audit_log WHERE action = 'prune' ORDER BY id DESC LIMIT 1").iterator()
        .next();
    assertEquals("core", prune.getString("plugin"));
    assertEquals(4, ((JsonObject) prune.getValue("detail")).getInteger("deleted"));
    JsonObject verified = verify(auditor);
    assertTrue(verified.getBoolean("valid"), verified::encode);
    assertEquals(4, verified.getLong("pruned"), verified::encode);
    assertValidInSmallPages();

    // Once the edge row is past 180 days it goes too, and its hole merges with its neighbours'.
    long gapsBefore = count(zx, "SELECT count(*) FROM core.audit_gap");
    Thread.sleep(4_500);
    runJob(zx.http());
    assertEquals(List.of("young-100", "young-179"), aged());
    assertEquals(gapsBefore - 1, count(zx, "SELECT count(*) FROM core.audit_gap"), "old-250, edge and old-200 "
        + "form one pruned run");
    assertTrue(verify(auditor).getBoolean("valid"));

    // Pruning the newest row (only possible by calling the function directly) leaves the head in a hole: still fine.
    insertAged("300 days", "old-300");
    zx.sql("SELECT core.audit_prune(now())");
    JsonObject tail = verify(auditor);
    assertTrue(tail.getBoolean("valid"), tail::encode);
    assertValidInSmallPages();
  }

  @Test
  void aClockMovedForwardDoesNotMakeYoungRowsExpire() {
    payment("HH-CLOCK");
    long all = count(zx, "SELECT count(*) FROM core.audit_log");
    zx.clock().advance(Duration.ofDays(200));
    try {
      // Sessions idle for 200 days have expired: log in again at the new time.
      JsonObject run = runJob(zx.login(ZhenxingExtension.ADMIN, ZhenxingExtension.ADMIN_PASSWORD));
      assertEquals("succeeded", run.getJsonArray("runs").getJsonObject(0).getString("outcome"), run::encode);
    } finally {
      zx.clock().set(Instant.now());
    }
    // The database's own clock decides: nothing written in the last 180 days of real time went.
    assertTrue(count(zx, "SELECT count(*) FROM core.audit_log") >= all + 1);
    assertEquals(1, count(zx, "SELECT count(*) FROM core.audit_log l JOIN relief.payment p "
        + "ON l.object_id = p.id::text WHERE l.plugin = 'relief' AND p.household = 'HH-CLOCK'"));
  }

  private static JsonObject runJob(TestHttp admin) {
    TestResponse r = admin.post(RUN, null);
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  private static void payment(String household) {
    TestResponse r = zx.http().post("/api/v1/relief/counties/140702/payments",
        new JsonObject().put("household", household).put("amount", 10));
    assertEquals(201, r.status(), r::toString);
  }

  /** An audit row written {@code age} ago, through the normal insert path (the trigger chains it). */
  private static void insertAged(String age, String objectId) {
    zx.sql("INSERT INTO core.audit_log (at, plugin, action, object_type, object_id, result) "
        + "VALUES (now() - $1::text::interval, 'relief', 'create', 'payment', $2, 'success')", age, objectId);
  }

  /** The object ids of the rows {@link #insertAged} wrote that are still there, sorted. */
  private static List<String> aged() {
    return zx.sql("SELECT object_id FROM core.audit_log WHERE object_id ~ '^(old|young|edge)' ORDER BY object_id")
        .stream().map(r -> r.getString(0)).toList();
  }

  private static void assertValidInSmallPages() throws Exception {
    JsonObject paged = new AuditChain(zx.pool(), 2).verify().toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    assertTrue(paged.getBoolean("valid"), paged::encode);
  }
}
