package cn.zhenxing.plugins.monitoring;

import static cn.zhenxing.plugins.monitoring.Cases.base;
import static cn.zhenxing.testkit.Problems.assertInvalidField;
import static cn.zhenxing.testkit.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.Eventually;
import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 防止返贫联席会议: county and city meetings, decisions, and overdue decisions with a moved clock. */
class JointMeetingTest {

  @RegisterExtension
  static final ZhenxingExtension zx = Cases.server();

  private static final String YUSHE = "140721";
  private static final String CITY = "/api/v1/monitoring";
  private static TestHttp admin;

  @BeforeAll
  static void countyStaff() {
    zx.createUser("ys-meetings", YUSHE, List.of("county_staff"), List.of("monitoring"));
    admin = zx.http();
  }

  @Test
  void decisionsPastTheirDueDateAreListedAndCountedUntilDone() {
    String b = base(YUSHE);
    LocalDate today = Cases.today(zx);
    TestResponse created = admin.post(b + "/meetings", meeting(today));
    assertEquals(201, created.status(), created::toString);
    JsonObject meeting = created.json();
    assertEquals((today.getMonthValue() - 1) / 3 + 1, meeting.getInteger("quarter"));
    assertEquals(new JsonArray().add("县乡村振兴局").add("县医保局").add("县民政局"), meeting.getJsonArray("departments"));
    assertProblem(409, admin.post(b + "/meetings", meeting(today)));
    assertInvalidField("departments", admin.post(b + "/meetings", meeting(today).put("departments", new JsonArray())));
    assertInvalidField("heldOn", admin.post(b + "/meetings", meeting(today).putNull("heldOn")));

    String m = b + "/meetings/" + meeting.getLong("id");
    assertInvalidField("dueOn", admin.post(m + "/decisions", decision("县医保局", today.minusDays(1))));
    TestResponse due = admin.post(m + "/decisions", decision("县医保局", today.plusDays(10)));
    assertEquals(201, due.status(), due::toString);
    assertEquals(201, admin.post(m + "/decisions", decision("县民政局", today.plusDays(40))).status());
    assertEquals(2, admin.get(m).json().getJsonArray("decisionList").size());
    assertEquals(0, admin.get(b + "/decisions?overdue=true").json().getInteger("total"));

    // eleven days on, the first decision is overdue: listed, flagged and counted
    zx.clock().advance(Duration.ofDays(11));
    admin = zx.login(ZhenxingExtension.ADMIN, ZhenxingExtension.ADMIN_PASSWORD);
    JsonArray overdue = admin.get(b + "/decisions?overdue=true").json().getJsonArray("items");
    assertEquals(1, overdue.size());
    assertEquals(due.json().getLong("id"), overdue.getJsonObject(0).getLong("id"));
    assertEquals(true, overdue.getJsonObject(0).getBoolean("overdue"));
    assertEquals(1, admin.get(b + "/decisions?overdue=true&owner=县医保局").json().getInteger("total"));
    assertEquals(1, admin.get(b + "/decisions?overdue=true&offset=10").json().getInteger("total"),
        "a page past the end still counts (the select list binds the day)");
    Eventually.poll(Duration.ofSeconds(20), "the overdue decisions gauge",
        () -> zx.anonymous().get("/metrics").body(),
        body -> body.lines().anyMatch(l -> l.startsWith("zx_monitoring_meeting_decisions_overdue{")
            && l.contains("\"" + YUSHE + "\"") && l.endsWith(" 1.0")));

    String d = b + "/decisions/" + due.json().getLong("id");
    LocalDate now = Cases.today(zx);
    assertInvalidField("doneOn", admin.put(d, done(now.plusDays(1))));
    assertEquals("done", admin.put(d, done(now)).json().getString("status"));
    assertProblem(409, admin.put(d, done(now)));
    assertEquals(0, admin.get(b + "/decisions?overdue=true").json().getInteger("total"));
    assertEquals(1, admin.get(b + "/decisions?status=done").json().getInteger("total"));
    assertEquals(4, zx.sql("SELECT count(*) FROM core.audit_log WHERE plugin = 'monitoring'"
        + " AND county = $1 AND result = 'success' AND object_type IN ('joint-meeting', 'meeting-decision')", YUSHE)
        .iterator().next().getLong(0));
  }

  @Test
  void theCityHasItsOwnMeetingsApartFromTheCounties() {
    LocalDate today = Cases.today(zx);
    TestResponse city = admin.post(CITY + "/meetings", meeting(today).put("title", "市防止返贫联席会议"));
    assertEquals(201, city.status(), city::toString);
    long id = city.json().getLong("id");
    assertEquals(null, city.json().getString("county"));
    assertEquals(201, admin.post(CITY + "/meetings/" + id + "/decisions", decision("市乡村振兴局",
        today.plusDays(5))).status());
    assertTrue(admin.get(CITY + "/meetings").json().getJsonArray("items").stream()
        .allMatch(o -> ((JsonObject) o).getValue("county") == null), "the city list holds city meetings only");
    assertProblem(404, admin.get(base(YUSHE) + "/meetings/" + id));
    assertTrue(admin.get(base(YUSHE) + "/decisions").json().getJsonArray("items").stream()
        .noneMatch(o -> ((JsonObject) o).getString("owner").equals("市乡村振兴局")));

    TestHttp clerk = zx.login("ys-meetings", ZhenxingExtension.passwordOf("ys-meetings"));
    assertProblem(403, clerk.get(CITY + "/meetings"));
    assertEquals(200, clerk.get(base(YUSHE) + "/meetings").status());
  }

  private static JsonObject meeting(LocalDate held) {
    return new JsonObject().put("heldOn", held.toString()).put("title", "榆社县防止返贫联席会议（季度）")
        .put("departments", new JsonArray().add("县乡村振兴局").add("县医保局").add("县民政局"))
        .put("agenda", "通报季度监测序时进度；研判部门比对预警；部署防返贫保险参保");
  }

  private static JsonObject decision(String owner, LocalDate due) {
    return new JsonObject().put("content", "核实比对预警并完成入户走访").put("owner", owner).put("dueOn", due.toString());
  }

  private static JsonObject done(LocalDate on) {
    return new JsonObject().put("status", "done").put("doneOn", on.toString()).put("note", "已办结");
  }
}
