package cn.zhenxing.testkit.notify;

import static cn.zhenxing.testkit.Problems.assertInvalidField;
import static cn.zhenxing.testkit.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.Eventually;
import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: a plugin pushes a warning to the people responsible for a county; it lands in their inbox (and nobody
 * else's), they mark it read, and an SMS-like channel plugin receives it exactly once — unless the change that
 * caused it rolled back.
 */
class NotificationsTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin(BellPlugin.ID, BellPlugin::new)
      .plugin(PagerPlugin.ID, PagerPlugin::new)
      .build();

  private static final String YUCI = "140702";
  private static final String TAIGU = "140703";

  private static TestHttp yuciClerk;
  private static TestHttp yuciClerkWithoutBell;
  private static TestHttp taiguClerk;

  @BeforeAll
  static void setUp() {
    zx.setPluginEnabled(BellPlugin.ID, true, YUCI, TAIGU);
    zx.setPluginEnabled(PagerPlugin.ID, true, YUCI, TAIGU);
    yuciClerk = zx.createUser("yuci-clerk", YUCI, List.of("county_staff"), List.of(BellPlugin.ID));
    yuciClerkWithoutBell = zx.createUser("yuci-other", YUCI, List.of("county_staff"), List.of(PagerPlugin.ID));
    taiguClerk = zx.createUser("taigu-clerk", TAIGU, List.of("county_staff"), List.of(BellPlugin.ID));
  }

  @Test
  void aCountyNotificationReachesTheCountysPeopleAndTheCity_butNoOneElse() {
    long id = ring(YUCI, new JsonObject().put("title", "预警逾期 county-only").put("level", "URGENT")
        .put("body", "张三户的自主申报已超过 5 个工作日未走访核实"));

    JsonObject mine = find(yuciClerk, id);
    assertEquals("预警逾期 county-only", mine.getString("title"));
    assertEquals("urgent", mine.getString("level"));
    assertEquals("bell", mine.getString("plugin"));
    assertEquals(YUCI, mine.getString("county"));
    assertEquals("东阳镇", mine.getString("township"));
    assertFalse(mine.getBoolean("read"));
    assertEquals(id, find(zx.http(), id).getLong("id"), "the city sees every county's notifications");

    assertFalse(contains(taiguClerk, id), "another county's clerk");
    assertFalse(contains(yuciClerkWithoutBell, id), "a clerk of the county not granted the sending plugin");
  }

  @Test
  void aCityNotificationReachesCityAccountsOnly() {
    long id = ring(YUCI, new JsonObject().put("title", "重大隐患 city-only").put("city", true));

    JsonObject seen = find(zx.http(), id);
    assertEquals(null, seen.getString("county"));
    assertFalse(contains(yuciClerk, id));
  }

  @Test
  void markingReadIsPerAccount_countsDown_andIsAudited() {
    long id = ring(YUCI, new JsonObject().put("title", "read-test"));
    long before = yuciClerk.get("/api/v1/inbox").json().getLong("unread");

    assertEquals(204, yuciClerk.post("/api/v1/inbox/" + id + "/read", null).status());
    assertEquals(204, yuciClerk.post("/api/v1/inbox/" + id + "/read", null).status(), "marking twice is fine");

    assertEquals(before - 1, yuciClerk.get("/api/v1/inbox").json().getLong("unread"));
    assertTrue(find(yuciClerk, id).getBoolean("read"));
    assertFalse(find(zx.http(), id).getBoolean("read"), "the city administrator has not read it");
    JsonArray unreadOnly = yuciClerk.get("/api/v1/inbox?unread=true&limit=500").json().getJsonArray("items");
    assertTrue(unreadOnly.stream().map(JsonObject.class::cast).noneMatch(n -> n.getLong("id") == id));
    assertEquals(1L, zx.sql("SELECT count(*) AS n FROM core.audit_log WHERE action = 'read'"
        + " AND object_type = 'notification' AND object_id = $1 AND username = 'yuci-clerk'", Long.toString(id))
        .iterator().next().getLong("n"));
  }

  @Test
  void anotherCountysNotificationCannotBeMarkedRead() {
    long id = ring(YUCI, new JsonObject().put("title", "not-yours"));

    assertProblem(404, taiguClerk.post("/api/v1/inbox/" + id + "/read", null));
    assertProblem(400, taiguClerk.post("/api/v1/inbox/abc/read", null));
    assertEquals(0L, zx.sql("SELECT count(*) AS n FROM core.notification_read WHERE notification_id = $1", id)
        .iterator().next().getLong("n"));
  }

  @Test
  void readAllMarksOnlyWhatTheAccountCanSee() {
    ring(YUCI, new JsonObject().put("title", "all-1"));
    ring(TAIGU, new JsonObject().put("title", "all-2"));

    TestResponse r = taiguClerk.post("/api/v1/inbox/read-all", null);

    assertEquals(200, r.status());
    assertTrue(r.json().getInteger("marked") >= 1);
    assertEquals(0L, taiguClerk.get("/api/v1/inbox").json().getLong("unread"));
    assertTrue(yuciClerk.get("/api/v1/inbox").json().getLong("unread") >= 1, "Yuci's inbox is untouched");
  }

  @Test
  void aChannelPluginReceivesEachNotificationOnce() {
    long id = ring(YUCI, new JsonObject().put("title", "paged").put("level", "WARNING"));

    Row paged = Eventually.poll(Duration.ofSeconds(10), "the pager received the notification",
        () -> zx.sql("SELECT count(*) OVER () AS n, county, audience, level, title FROM pager.paged"
            + " WHERE notification_id = $1", id), rows -> rows.size() > 0).iterator().next();
    assertEquals(1L, paged.getLong("n"));
    assertEquals(YUCI, paged.getString("county"));
    assertEquals("county", paged.getString("audience"));
    assertEquals("warning", paged.getString("level"));
    assertEquals("paged", paged.getString("title"));
  }

  @Test
  void aRolledBackChangeNotifiesNobody() {
    assertProblem(409, yuciClerk.post("/api/v1/bell/counties/" + YUCI + "/rings",
        new JsonObject().put("title", "rolled-back").put("rollback", true)));

    assertEquals(0L, count("SELECT count(*) AS n FROM core.notification WHERE title = 'rolled-back'"));
    assertEquals(0L, count("SELECT count(*) AS n FROM core.event WHERE payload->>'title' = 'rolled-back'"));
  }

  @Test
  void aNotificationCarryingAnIdNumberInClearIsRefused_andNothingIsWritten() {
    TestResponse r = yuciClerk.post("/api/v1/bell/counties/" + YUCI + "/rings",
        new JsonObject().put("title", "leak").put("body", "身份证 11010519491231002X 的户"));

    assertInvalidField("body", r);
    assertEquals(0L, count("SELECT count(*) AS n FROM bell.ring WHERE title = 'leak'"));
    assertEquals(0L, count("SELECT count(*) AS n FROM core.notification WHERE title = 'leak'"));
  }

  @Test
  void badInboxFiltersAreNamed() {
    assertInvalidField("level", zx.http().get("/api/v1/inbox?level=loud"));
    assertInvalidField("limit", zx.http().get("/api/v1/inbox?limit=0"));
    assertInvalidField("unread", zx.http().get("/api/v1/inbox?unread=maybe"));
    assertProblem(401, zx.anonymous().get("/api/v1/inbox"));
  }

  private static long ring(String county, JsonObject body) {
    TestResponse r = zx.http().post("/api/v1/bell/counties/" + county + "/rings", body);
    assertEquals(201, r.status(), r.body());
    return r.json().getLong("id");
  }

  private static boolean contains(TestHttp client, long id) {
    TestResponse r = client.get("/api/v1/inbox?limit=500");
    assertEquals(200, r.status(), r.body());
    return r.json().getJsonArray("items").stream().map(JsonObject.class::cast).anyMatch(n -> n.getLong("id") == id);
  }

  private static JsonObject find(TestHttp client, long id) {
    return client.get("/api/v1/inbox?limit=500").json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(n -> n.getLong("id") == id).findFirst().orElseThrow(() -> new AssertionError("not in inbox: " + id));
  }

  private static long count(String sql) {
    return zx.sql(sql).iterator().next().getLong("n");
  }
}
