package cn.zhenxing.plugins.monitoring;

import static cn.zhenxing.plugins.monitoring.Cases.base;
import static cn.zhenxing.testkit.Problems.assertInvalidField;
import static cn.zhenxing.testkit.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import cn.zhenxing.testkit.Eventually;
import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 序时进度: the city's plan for a quarter against the work done through the API, expected-by-now moving with the
 * server clock, the city view and total, the stored quarterly report, the metrics, and every refusal. The clock is
 * set to the 45th day of next year's first quarter so the elapsed share is known.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScheduleTest {

  @RegisterExtension
  static final ZhenxingExtension zx = Cases.server();

  private static final String YUSHE = "140721";
  private static final String YUCI = "140702";
  private static final String B = base(YUSHE);
  private static int year;
  private static String plans;
  private static TestHttp admin;

  @BeforeAll
  static void day45OfNextYearsFirstQuarter() {
    // created before the clock moves: the extension's own admin session expires with the jump
    zx.createUser("ys-schedule", YUSHE, List.of("county_staff"), List.of("monitoring"));
    year = LocalDate.now(zx.clock()).getYear() + 1;
    zx.clock().set(ZonedDateTime.of(year, 2, 14, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant());
    admin = zx.login(ZhenxingExtension.ADMIN, ZhenxingExtension.ADMIN_PASSWORD);
    plans = "/api/v1/monitoring/schedule/" + year + "/1";
  }

  @Test
  @Order(1)
  void workDoneThroughTheApiCountsAgainstTheCitysPlan_andExpectedByNowMovesWithTheClock() {
    TestResponse set = admin.put(plans, new JsonObject().put("counties", new JsonArray()
        .add(county(YUSHE, new JsonObject().put("visits", 4).put("warnings-settled", 2).put("joint-meeting", 1)
            .put("insurance-coverage", 0.9)))
        .add(county(YUCI, new JsonObject().put("visits", 10)))));
    assertEquals(200, set.status(), set::toString);
    assertEquals(1, zx.sql("SELECT count(*) FROM core.audit_log WHERE plugin = 'monitoring' AND result = 'success'"
        + " AND object_type = 'schedule-plan' AND object_id = $1", year + "-Q1").iterator().next().getLong(0));

    int days = Year.isLeap(year) ? 91 : 90;
    JsonObject view = schedule();
    assertEquals(45, view.getInteger("daysElapsed"));
    assertEquals(days, view.getInteger("days"));
    assertEquals(year + "-01-01", view.getString("from"));
    assertEquals(year + "-03-31", view.getString("to"));
    JsonObject visits = task(view, "visits");
    assertEquals(4, visits.getInteger("planned"));
    assertEquals(Integer.valueOf(4), visits.getValue("planned"), "a count answers as a whole number: " + visits);
    assertEquals(0, visits.getInteger("done"));
    assertEquals(Math.round(4 * 45.0 / days * 100) / 100.0, visits.getDouble("expected"), 1e-9);
    assertEquals("behind", visits.getString("status"));
    assertEquals("走访核查", visits.getString("labelZh"));
    JsonObject eliminations = task(view, "eliminations");
    assertEquals("no-plan", eliminations.getString("status"));
    assertNull(eliminations.getValue("planned"));
    // no monitoring objects: nobody to insure, the coverage reads 1 (as the insurance metric does) against 0.9
    assertEquals(0.9, task(view, "insurance-coverage").getDouble("expected"), 1e-9);
    assertEquals("ahead", task(view, "insurance-coverage").getString("status"));

    // one warning visited and settled: 1 of the 2 expected visits, settlements on schedule
    long first = Cases.createHousehold(admin, YUSHE, "S-0001", Cases.idNumber(YUSHE, "1978-03-05"), "9000");
    settle(visit(warn(first)));
    view = schedule();
    assertEquals(1, task(view, "visits").getInteger("done"));
    assertEquals("behind", task(view, "visits").getString("status"));
    assertEquals(1, task(view, "warnings-settled").getInteger("done"));
    assertEquals("on-schedule", task(view, "warnings-settled").getString("status"));
    assertEquals(0.5, task(view, "warnings-settled").getDouble("completion"), 1e-9);

    // two more visits and the quarter's joint meeting: ahead of the schedule
    for (String no : List.of("S-0002", "S-0003")) {
      visit(warn(Cases.createHousehold(admin, YUSHE, no, Cases.idNumber(YUSHE, "1979-04-06"), "9000")));
    }
    assertEquals(201, admin.post(B + "/meetings", new JsonObject().put("heldOn", Cases.today(zx).toString())
        .put("title", "榆社县防止返贫联席会议").put("departments", new JsonArray().add("县乡村振兴局"))
        .put("agenda", "通报序时进度")).status());
    view = schedule();
    assertEquals(3, task(view, "visits").getInteger("done"));
    assertEquals("ahead", task(view, "visits").getString("status"));
    assertEquals(1, task(view, "joint-meeting").getInteger("done"));
    assertEquals("ahead", task(view, "joint-meeting").getString("status"));

    // thirty days on the same three visits fall behind: 4 × 75 / days expected
    advance(Duration.ofDays(30));
    view = schedule();
    assertEquals(75, view.getInteger("daysElapsed"));
    assertEquals(Math.round(4 * 75.0 / days * 100) / 100.0, task(view, "visits").getDouble("expected"), 1e-9);
    assertEquals("behind", task(view, "visits").getString("status"));

    // the city: every county, the total over them
    JsonObject city = admin.get(plans).json();
    assertEquals(11, city.getJsonArray("counties").size());
    assertEquals("榆社县", city.getJsonArray("counties").stream().map(JsonObject.class::cast)
        .filter(c -> YUSHE.equals(c.getString("county"))).findFirst().orElseThrow().getString("name"));
    JsonObject yuci = city.getJsonArray("counties").stream().map(JsonObject.class::cast)
        .filter(c -> YUCI.equals(c.getString("county"))).findFirst().orElseThrow();
    assertEquals(10, task(yuci, "visits").getInteger("planned"));
    assertEquals(0, task(yuci, "visits").getInteger("done"));
    JsonObject total = new JsonObject().put("tasks", city.getJsonArray("total"));
    assertEquals(14, task(total, "visits").getInteger("planned"));
    assertEquals(3, task(total, "visits").getInteger("done"));
    assertEquals("no-plan", task(total, "measures").getString("status"));

    // targets beside actuals for the current quarter, per county and task
    Eventually.poll(Duration.ofSeconds(20), "the schedule gauges", () -> zx.anonymous().get("/metrics").body(),
        body -> series(body, "zx_monitoring_schedule_planned", "visits", " 4.0")
            && series(body, "zx_monitoring_schedule_done", "visits", " 3.0")
            && series(body, "zx_monitoring_schedule_expected", "visits", " " + Math.round(4 * 75.0 / days * 100)
                / 100.0));

    // after the quarter, the stored report carries its schedule, the whole plan expected
    advance(Duration.ofDays(50));
    Eventually.poll(Duration.ofSeconds(30), "the first quarter's report", () -> admin.get(B + "/reports/" + year
        + "/1"), r -> r.status() == 200 && r.json().getJsonObject("content").containsKey("schedule"));
    JsonObject reported = admin.get(B + "/reports/" + year + "/1").json().getJsonObject("content")
        .getJsonObject("schedule").getJsonObject("visits");
    assertEquals(4, reported.getInteger("planned"));
    assertEquals(3, reported.getInteger("done"));
    assertEquals(4.0, reported.getDouble("expected"), 1e-9);
    assertEquals("behind", reported.getString("status"));
  }

  @Test
  @Order(2)
  void aNewPlanReplacesTheCountysTasks_andAQuarterWithoutAPlanAnswersNoPlan() {
    String next = "/api/v1/monitoring/schedule/" + year + "/2";
    assertEquals(200, admin.put(next, new JsonObject().put("counties", new JsonArray()
        .add(county(YUSHE, new JsonObject().put("visits", 5).put("measures", 3))))).status());
    assertEquals(200, admin.put(next, new JsonObject().put("counties", new JsonArray()
        .add(county(YUSHE, new JsonObject().put("visits", 6))))).status());
    JsonObject view = admin.get(B + "/schedule/" + year + "/2").json();
    assertEquals(6, task(view, "visits").getInteger("planned"));
    assertEquals(0, task(view, "visits").getInteger("done"), "the first quarter's visits count there only");
    assertEquals("no-plan", task(view, "measures").getString("status"));

    JsonObject unplanned = admin.get(B + "/schedule/" + year + "/3").json();
    assertEquals(false, unplanned.getBoolean("planned"));
    assertEquals(0, unplanned.getInteger("daysElapsed"), "a future quarter has not begun");
    unplanned.getJsonArray("tasks").forEach(t -> assertEquals("no-plan", ((JsonObject) t).getString("status")));
  }

  @Test
  @Order(3)
  void refusals_countyClerksCannotPlanNorSeeOtherCounties_andBadInputNamesTheField() {
    TestHttp clerk = zx.login("ys-schedule", ZhenxingExtension.passwordOf("ys-schedule"));
    JsonObject body = new JsonObject().put("counties", new JsonArray()
        .add(county(YUSHE, new JsonObject().put("visits", 1))));
    assertProblem(403, clerk.put(plans, body));
    assertProblem(403, clerk.get(plans));
    assertProblem(403, clerk.get(base(YUCI) + "/schedule/" + year + "/1"));
    assertEquals(200, clerk.get(B + "/schedule/" + year + "/1").status());

    assertInvalidField("counties[0].tasks.visits", admin.put(plans, plan(YUSHE, "visits", -1)));
    assertInvalidField("counties[0].tasks.visits", admin.put(plans, plan(YUSHE, "visits", 2.5)));
    assertInvalidField("counties[0].tasks.insurance-coverage", admin.put(plans, plan(YUSHE, "insurance-coverage",
        1.5)));
    assertInvalidField("counties[0].tasks.patrols", admin.put(plans, plan(YUSHE, "patrols", 3)));
    assertInvalidField("counties[0].county", admin.put(plans, plan("999999", "visits", 3)));
    assertInvalidField("counties[1].county", admin.put(plans, new JsonObject().put("counties", new JsonArray()
        .add(county(YUSHE, new JsonObject().put("visits", 1))).add(county(YUSHE, new JsonObject().put("visits", 2))))));
    assertInvalidField("counties", admin.put(plans, new JsonObject().put("counties", new JsonArray())));
    assertInvalidField("quarter", admin.put("/api/v1/monitoring/schedule/" + year + "/5", body));
    assertInvalidField("year", admin.put("/api/v1/monitoring/schedule/1999/1", body));
    assertInvalidField("year", admin.put("/api/v1/monitoring/schedule/" + (year + 2) + "/1", body));
    assertInvalidField("quarter", admin.get(B + "/schedule/" + year + "/0"));
    // a county that does not enable the plugin gets no plan, and leaves the city view
    String jiexiu = "140781";
    assertEquals(200, admin.put("/api/v1/counties/" + jiexiu + "/plugins/monitoring", new JsonObject()
        .put("enabled", false)).status());
    try {
      assertInvalidField("counties[0].county", admin.put(plans, plan(jiexiu, "visits", 3)));
      assertProblem(403, admin.get(base(jiexiu) + "/schedule/" + year + "/1"));
      assertEquals(10, admin.get(plans).json().getJsonArray("counties").size());
    } finally {
      assertEquals(200, admin.put("/api/v1/counties/" + jiexiu + "/plugins/monitoring", new JsonObject()
          .put("enabled", true)).status());
    }
    // nothing of the refused requests was written: the first test's plan stands
    assertEquals(4, task(admin.get(B + "/schedule/" + year + "/1").json(), "visits").getInteger("planned"));
  }

  private static JsonObject schedule() {
    TestResponse r = admin.get(B + "/schedule/" + year + "/1");
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  private static JsonObject task(JsonObject view, String key) {
    return view.getJsonArray("tasks").stream().map(JsonObject.class::cast)
        .filter(t -> key.equals(t.getString("task"))).findFirst().orElseThrow();
  }

  private static JsonObject county(String code, JsonObject tasks) {
    return new JsonObject().put("county", code).put("tasks", tasks);
  }

  private static JsonObject plan(String code, String task, Object value) {
    return new JsonObject().put("counties", new JsonArray().add(county(code, new JsonObject().put(task, value))));
  }

  private static boolean series(String metrics, String name, String task, String value) {
    return metrics.lines().anyMatch(l -> l.startsWith(name + "{") && l.contains("county=\"" + YUSHE + "\"")
        && l.contains("task=\"" + task + "\"") && l.endsWith(value));
  }

  /** A self-declared illness: always a warning, for a cadre to check. */
  private static String warn(long household) {
    TestResponse r = admin.post(B + "/signals", new JsonObject().put("channel", "自主申报").put("householdId", household)
        .put("riskKind", "illness").put("amount", "6000").put("source", "测试")
        .put("occurredOn", Cases.today(zx).toString()));
    assertEquals(201, r.status(), r::toString);
    JsonArray warnings = admin.get(B + "/warnings?householdId=" + household).json().getJsonArray("items");
    assertEquals(1, warnings.size());
    return B + "/warnings/" + warnings.getJsonObject(0).getLong("id");
  }

  private static String visit(String warning) {
    assertEquals(200, admin.post(warning + "/visit", new JsonObject().put("note", "入户核实")).status());
    return warning;
  }

  private static void settle(String warning) {
    assertEquals(200, admin.post(warning + "/settle", new JsonObject().put("settlement", "no-risk")).status());
  }

  private static void advance(Duration d) {
    zx.clock().advance(d);
    admin = zx.login(ZhenxingExtension.ADMIN, ZhenxingExtension.ADMIN_PASSWORD);
  }
}
