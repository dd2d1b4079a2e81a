package cn.zhenxing.testkit.audit;

import static cn.zhenxing.testkit.audit.AuditSupport.assertBadParameter;
import static cn.zhenxing.testkit.audit.AuditSupport.assertProblem;
import static cn.zhenxing.testkit.audit.AuditSupport.count;
import static cn.zhenxing.testkit.audit.AuditSupport.rowsOf;
import static cn.zhenxing.testkit.audit.AuditSupport.setEnabled;
import static cn.zhenxing.testkit.audit.AuditSupport.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.server.audit.AuditChain;
import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: every write leaves its audit row in the same transaction (or does not happen at all), the database refuses
 * to change or remove audit rows, and the auditor, and only the auditor, reads the log by time, user, county, plugin
 * and action and checks its hash chain.
 */
class AuditLogTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin(ReliefPlugin.ID, ReliefPlugin::new)
      .build();

  private static final String YUCI = "/api/v1/relief/counties/140702/payments";
  private static final String TAIGU = "/api/v1/relief/counties/140703/payments";
  private static TestHttp auditor;

  @BeforeAll
  static void reliefInTwoCounties_andAnAuditor() {
    setEnabled(zx, "140702", ReliefPlugin.ID, true);
    setEnabled(zx, "140703", ReliefPlugin.ID, true);
    auditor = zx.createUser("aud1", "140700", List.of("auditor"), List.of());
  }

  private static TestResponse pay(TestHttp http, String path, String household, JsonObject extra) {
    return http.post(path, new JsonObject().put("household", household).put("amount", 500).mergeIn(extra));
  }

  @Test
  void aPluginWriteLeavesExactlyOneAuditRow_withWhoWhereWhichRequestAndWhat() {
    TestResponse created = pay(zx.http().withHeader("X-Request-Id", "audit-story-1"), YUCI, "HH-0001",
        new JsonObject());
    assertEquals(201, created.status(), created::toString);
    assertEquals("audit-story-1", created.header("X-Request-Id"));
    long paymentId = created.json().getLong("id");

    List<Row> rows = rowsOf(zx, "audit-story-1");
    assertEquals(1, rows.size(), "one audit row for the request");
    Row row = rows.get(0);
    assertEquals("admin", row.getString("username"));
    assertNotNull(row.getLong("user_id"));
    assertEquals("127.0.0.1", row.getString("ip"));
    assertEquals("relief", row.getString("plugin"));
    assertEquals("140702", row.getString("county"));
    assertEquals("create", row.getString("action"));
    assertEquals("payment", row.getString("object_type"));
    assertEquals(String.valueOf(paymentId), row.getString("object_id"));
    assertEquals("success", row.getString("result"));
    assertEquals(500, ((JsonObject) row.getValue("detail")).getInteger("amount"));
    assertEquals(1, count(zx, "SELECT count(*) FROM core.audit_log WHERE plugin = 'relief' AND object_id = $1",
        String.valueOf(paymentId)));

    // The same through the plugin's own transaction and AuditLog.record.
    TestResponse managed = pay(zx.http(), TAIGU + "/manual", "HH-0002", new JsonObject());
    assertEquals(201, managed.status(), managed::toString);
    List<Row> managedRows = rowsOf(zx, managed.header("X-Request-Id"));
    assertEquals(1, managedRows.size());
    assertEquals("140703", managedRows.get(0).getString("county"));
    assertEquals(String.valueOf(managed.json().getLong("id")), managedRows.get(0).getString("object_id"));
    assertEquals("admin", managedRows.get(0).getString("username"));
  }

  @Test
  void whenTheAuditWriteFails_theChangeRollsBack_andTheClientGetsAProblem() {
    for (String path : List.of(YUCI, YUCI + "/manual")) {
      for (String badAction : List.of("a".repeat(80), "Create Payment")) {
        String household = "HH-ROLLBACK-" + Math.abs((path + badAction).hashCode());
        TestResponse refused = pay(zx.http(), path, household, new JsonObject().put("auditAction", badAction));
        JsonObject problem = assertProblem(500, refused);
        assertEquals("/problems/audit-failed", problem.getString("type"), problem::encode);
        assertEquals(0, count(zx, "SELECT count(*) FROM relief.payment WHERE household = $1", household),
            "the payment rolled back with its audit row (" + path + ")");
        assertTrue(rowsOf(zx, refused.header("X-Request-Id")).isEmpty());
      }
    }
    // Rolled-back inserts leave no trace in the chain either.
    assertTrue(verify(auditor).getBoolean("valid"));
  }

  @Test
  void theDatabaseRefusesToChangeOrRemoveAuditRows() {
    pay(zx.http(), YUCI, "HH-APPEND-ONLY", new JsonObject());
    long id = count(zx, "SELECT max(id) FROM core.audit_log");
    String before = zx.sql("SELECT encode(hash, 'hex') FROM core.audit_log WHERE id = $1", id).iterator().next()
        .getString(0);

    assertRefused(() -> zx.sql("UPDATE core.audit_log SET object_id = 'forged' WHERE id = $1", id));
    assertRefused(() -> zx.sql("UPDATE core.audit_log SET at = at - interval '1 year'"));
    assertRefused(() -> zx.sql("DELETE FROM core.audit_log WHERE id = $1", id));
    assertRefused(() -> zx.sql("TRUNCATE core.audit_log"));
    // Not even with the pruning switch set by hand: the row is younger than 180 days.
    assertRefused(() -> zx.sql("DO $$ BEGIN PERFORM set_config('zx.audit_prune_before', "
        + "(now() - interval '180 days')::text, true); DELETE FROM core.audit_log; END $$"));
    assertRefused(() -> zx.sql("DELETE FROM core.audit_chain_head"));

    assertEquals(before, zx.sql("SELECT encode(hash, 'hex') FROM core.audit_log WHERE id = $1", id).iterator()
        .next().getString(0));
    assertTrue(verify(auditor).getBoolean("valid"));
  }

  private static void assertRefused(Runnable statement) {
    RuntimeException e = assertThrows(RuntimeException.class, statement::run);
    String message = String.valueOf(e.getMessage());
    assertTrue(message.contains("append-only") || message.contains("retention")
        || message.contains("exactly one row"), message);
  }

  @Test
  void enablingAndDisablingAPluginForACountyIsAudited() {
    TestResponse on = setEnabled(zx, "140721", ReliefPlugin.ID, true);
    TestResponse off = setEnabled(zx, "140721", ReliefPlugin.ID, false);
    for (TestResponse r : List.of(on, off)) {
      List<Row> rows = rowsOf(zx, r.header("X-Request-Id"));
      assertEquals(1, rows.size(), r::toString);
      Row row = rows.get(0);
      assertEquals(r == on ? "enable" : "disable", row.getString("action"));
      assertEquals("plugin", row.getString("object_type"));
      assertEquals("relief", row.getString("object_id"));
      assertEquals("relief", row.getString("plugin"));
      assertEquals("140721", row.getString("county"));
      assertEquals("admin", row.getString("username"));
      assertEquals("success", row.getString("result"));
    }
    // A refused switch changes nothing and records no success.
    TestResponse missing = zx.http().put("/api/v1/counties/140721/plugins/orchard",
        new JsonObject().put("enabled", true));
    assertEquals(404, missing.status());
    assertTrue(rowsOf(zx, missing.header("X-Request-Id")).stream()
        .noneMatch(row -> "success".equals(row.getString("result"))));
  }

  @Test
  void concurrentWritesChainCorrectly() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<TestResponse>> answers = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String household = "HH-CONCURRENT-" + i;
        String path = i % 2 == 0 ? YUCI : TAIGU + "/manual";
        answers.add(pool.submit(() -> pay(zx.http(), path, household, new JsonObject())));
      }
      for (Future<TestResponse> answer : answers) {
        TestResponse r = answer.get(60, TimeUnit.SECONDS);
        assertEquals(201, r.status(), r::toString);
      }
    } finally {
      pool.shutdownNow();
    }
    Row ids = zx.sql("SELECT count(*), min(id), max(id) FROM core.audit_log").iterator().next();
    assertEquals(ids.getLong(0), ids.getLong(2) - ids.getLong(1) + 1, "ids are the chain's positions: no holes");
    JsonObject verified = verify(auditor);
    assertTrue(verified.getBoolean("valid"), verified::encode);
    // Across many small pages as well.
    JsonObject paged = new AuditChain(zx.pool(), 3).verify().toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    assertTrue(paged.getBoolean("valid"), paged::encode);
  }

  @Test
  void anUntamperedLogVerifies() {
    long rows = count(zx, "SELECT count(*) FROM core.audit_log");
    JsonObject verified = verify(auditor);
    assertTrue(verified.getBoolean("valid"), verified::encode);
    assertEquals(rows, verified.getLong("checked"), verified::encode);
    assertNull(verified.getValue("firstBrokenId"));
    assertEquals(64, verified.getString("headHash").length());
  }

  @Test
  void theAuditorQueriesByTimeUserCountyPluginAndAction_withPaging_newestFirst() {
    long earlierId = count(zx, "SELECT max(id) FROM core.audit_log");
    Instant from = Instant.now().minusMillis(5);
    List<Long> created = new ArrayList<>();
    for (String path : List.of(YUCI, TAIGU, YUCI)) {
      TestResponse r = pay(zx.http(), path, "HH-QUERY-" + created.size(), new JsonObject());
      assertEquals(201, r.status(), r::toString);
      created.add(r.json().getLong("id"));
    }
    Instant to = Instant.now().plusMillis(5);
    String window = "&from=" + enc(from.toString()) + "&to=" + enc(to.toString());

    JsonObject all = query("?plugin=relief&action=create" + window);
    assertEquals(3, all.getLong("total"), all::encode);
    JsonArray items = all.getJsonArray("items");
    List<String> objectIds = new ArrayList<>();
    for (Object o : items) {
      JsonObject item = (JsonObject) o;
      assertEquals("relief", item.getString("plugin"));
      assertEquals("create", item.getString("action"));
      assertEquals("admin", item.getString("username"));
      assertTrue(item.getLong("id") > earlierId, item::encode);
      Instant at = OffsetDateTime.parse(item.getString("at")).toInstant();
      assertTrue(!at.isBefore(from) && at.isBefore(to), item::encode);
      assertTrue(item.getString("at").endsWith("+08:00"), "times carry the zone: " + item.getString("at"));
      objectIds.add(item.getString("objectId"));
    }
    // Newest first.
    assertEquals(List.of(created.get(2), created.get(1), created.get(0)).stream().map(String::valueOf).toList(),
        objectIds);

    JsonObject taigu = query("?county=140703&plugin=relief" + window);
    assertEquals(1, taigu.getLong("total"), taigu::encode);
    assertEquals("140703", taigu.getJsonArray("items").getJsonObject(0).getString("county"));

    JsonObject byUser = query("?user=ADMIN" + window);
    assertTrue(byUser.getLong("total") >= 3, byUser::encode);
    byUser.getJsonArray("items").forEach(o -> assertEquals("admin", ((JsonObject) o).getString("username")));
    JsonObject nobody = query("?user=nobody-at-all" + window);
    assertEquals(0, nobody.getLong("total"));

    // An offset written with an unencoded '+' is understood too.
    String local = OffsetDateTime.ofInstant(from, ZoneOffset.ofHours(8)).toString();
    assertEquals(3, query("?plugin=relief&action=create&from=" + local + "&to=" + enc(to.toString()))
        .getLong("total"));

    // Paging, as every list pages: two pages of two, no row twice, same order.
    JsonObject first = query("?plugin=relief&action=create&limit=2" + window);
    JsonObject second = query("?plugin=relief&action=create&limit=2&offset=2" + window);
    assertEquals(2, second.getInteger("limit"));
    assertEquals(2, second.getInteger("offset"));
    assertEquals(3, first.getLong("total"));
    assertEquals(2, first.getJsonArray("items").size());
    assertEquals(1, second.getJsonArray("items").size());
    Set<Long> seen = new HashSet<>();
    List<String> paged = new ArrayList<>();
    for (JsonObject page : List.of(first, second)) {
      page.getJsonArray("items").forEach(o -> {
        assertTrue(seen.add(((JsonObject) o).getLong("id")));
        paged.add(((JsonObject) o).getString("objectId"));
      });
    }
    assertEquals(objectIds, paged);

    // The auditor's reading is audited as well.
    JsonObject reads = query("?user=aud1&plugin=core&action=query&from=" + enc(to.toString()));
    assertTrue(reads.getLong("total") >= 1, reads::encode);
  }

  @Test
  void aCityAdministratorWithoutAuditReadIsRefused_andTheRefusalIsAudited() {
    for (String path : List.of("/api/v1/audit", "/api/v1/audit/verify")) {
      TestResponse refused = zx.http().get(path);
      assertProblem(403, refused);
      List<Row> rows = rowsOf(zx, refused.header("X-Request-Id"));
      assertEquals(1, rows.size(), path);
      assertEquals("denied", rows.get(0).getString("result"));
      assertEquals("admin", rows.get(0).getString("username"));
    }
    assertEquals(401, zx.anonymous().get("/api/v1/audit").status());
  }

  @Test
  void badParametersAnswer400NamingTheParameter() {
    assertBadParameter("from", auditor.get("/api/v1/audit?from=yesterday"));
    assertBadParameter("from", auditor.get("/api/v1/audit?from=2026-13-01T00:00:00Z"));
    assertBadParameter("to", auditor.get("/api/v1/audit?to=29.11.2026"));
    assertBadParameter("to", auditor.get("/api/v1/audit?from=2026-11-29T00:00:00Z&to=2026-11-28T00:00:00Z"));
    assertBadParameter("limit", auditor.get("/api/v1/audit?limit=501"));
    assertBadParameter("limit", auditor.get("/api/v1/audit?limit=0"));
    assertBadParameter("offset", auditor.get("/api/v1/audit?offset=-1"));
    assertBadParameter("offset", auditor.get("/api/v1/audit?offset=two"));
    assertBadParameter("county", auditor.get("/api/v1/audit?county=Yuci"));
    assertBadParameter("plugin", auditor.get("/api/v1/audit?plugin=Relief"));
    assertBadParameter("action", auditor.get("/api/v1/audit?action=DROP%20TABLE"));
    assertBadParameter("result", auditor.get("/api/v1/audit?result=ok"));
    assertBadParameter("users", auditor.get("/api/v1/audit?users=admin"));
    JsonObject max = query("?limit=500");
    assertEquals(500, max.getInteger("limit"));
    assertFalse(max.getJsonArray("items").isEmpty());
  }

  private static JsonObject query(String queryString) {
    TestResponse r = auditor.get("/api/v1/audit" + queryString);
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
