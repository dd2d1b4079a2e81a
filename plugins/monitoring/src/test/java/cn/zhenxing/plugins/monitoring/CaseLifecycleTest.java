package cn.zhenxing.plugins.monitoring;

import static cn.zhenxing.plugins.monitoring.Cases.base;
import static cn.zhenxing.testkit.Problems.assertInvalidField;
import static cn.zhenxing.testkit.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A case from the first signal to risk elimination, over HTTP, with every refusal on the way. The clock only moves
 * forward, so each test reads "today" from the server's clock.
 */
class CaseLifecycleTest {

  @RegisterExtension
  static final ZhenxingExtension zx = Cases.server();

  @org.junit.jupiter.api.BeforeAll
  static void countyStaff() {
    // Created before any test moves the clock: the extension's own admin session expires with the first jump.
    zx.createUser("ys-clerk", YUSHE, List.of("county_staff"), List.of("monitoring"));
  }

  private static TestHttp clerk() {
    return zx.login("ys-clerk", ZhenxingExtension.passwordOf("ys-clerk"));
  }

  private static final String YUSHE = "140721";
  private static final String B = base(YUSHE);

  @Test
  void theWholeLifeOfACase_signalWarningVisitIdentificationMeasuresElimination() {
    String headId = Cases.idNumber(YUSHE, "1978-03-05");
    long household = Cases.createHousehold(admin(), YUSHE, "L-0001", headId, "9000");
    LocalDate today = Cases.today(zx);

    // 1. a self-declared illness above the alleviated households' medical threshold raises a warning
    JsonObject signal = report(household, "自主申报", "illness", "6000");
    assertEquals("warned", signal.getString("outcome"));
    JsonObject warning = onlyOpenWarning(household);
    assertEquals("medical", warning.getString("rule"));
    assertEquals(2, warning.getInteger("level"));
    assertTrue(LocalDate.parse(warning.getString("visitDue")).isAfter(today.plusDays(4)));
    assertEquals(1, zx.sql("SELECT count(*) FROM core.notification WHERE plugin = 'monitoring' AND county = $1"
        + " AND kind = 'warning-raised' AND link LIKE $2", YUSHE, "%/warnings/" + warning.getLong("id"))
        .iterator().next().getLong(0), "the warning is pushed to the county's inbox");

    // 2. visit, then settle into the identification procedure (settling first is refused)
    String w = B + "/warnings/" + warning.getLong("id");
    assertProblem(409, admin().post(w + "/settle", new JsonObject().put("settlement", "identify")));
    assertEquals(200, admin().post(w + "/visit", new JsonObject().put("note", "入户核实：住院自付费用属实")).status());
    assertProblem(409, admin().post(w + "/visit", new JsonObject().put("note", "again")));
    assertEquals(200, admin().post(w + "/settle", new JsonObject().put("settlement", "identify")).status());
    assertEquals("identifying", household(household).getString("riskState"));

    // 3. the identification, step by step, with its refusals
    long procedure = onlyProcedure("identification");
    String p = B + "/procedures/" + procedure;
    assertProblem(409, step(p, "village-assessment", null));
    assertInvalidField("authorised", step(p, "household-check", null));
    assertEquals(200, step(p, "household-check", new JsonObject().put("authorised", true)).status());
    assertEquals(200, step(p, "village-assessment", null).status());
    today = Cases.today(zx);
    assertInvalidField("noticeTo", notice(p, today, today.plusDays(4), null));
    assertInvalidField("note", notice(p, today, today.plusDays(5), "户主身份证 " + headId));
    assertInvalidField("note", notice(p, today, today.plusDays(5), "户主患有大病"));
    assertInvalidField("note", notice(p, today, today.plusDays(5), "联系电话 13912345678"));
    assertEquals(200, notice(p, today, today.plusDays(5), "经村民代表会议评议通过").status());
    String text = admin().get(p + "/notice").json().getString("text");
    assertTrue(text.contains("王建国") && text.contains("王家庄村"), text);
    assertFalse(text.contains(headId.substring(6, 14)) || text.contains("病") || text.contains("自付"), text);
    assertProblem(409, step(p, "township-review", null));          // the notice is still running
    advance(Duration.ofDays(6));
    assertEquals(200, step(p, "township-review", null).status());

    // insured before the decision: a monitoring object without 防返贫保险 gets an "uninsured" warning from the next
    // nightly evaluation, which the clock moves of this test may run at any moment after the decision
    assertEquals(201, admin().post(B + "/insurance/policies", new JsonObject().put("kind", "防返贫保险")
        .put("policyNo", "FPB-L-0001").put("insurer", "中国人寿晋中分公司")
        .put("startsOn", Cases.today(zx).toString()).put("endsOn", Cases.today(zx).plusYears(2).toString())
        .put("householdIds", new JsonArray().add(household))).status());
    assertProblem(403, clerk().post(p + "/decision", new JsonObject().put("outcome", "approved")
        .put("monitoringType", "突发严重困难户")));
    assertInvalidField("monitoringType", admin().post(p + "/decision", new JsonObject().put("outcome", "approved")));
    TestResponse decided = admin().post(p + "/decision", new JsonObject().put("outcome", "approved")
        .put("monitoringType", "突发严重困难户"));
    assertEquals(200, decided.status(), decided::toString);
    assertEquals("approved", decided.json().getString("state"));
    assertEquals(5, decided.json().getJsonArray("steps").size());
    JsonObject monitored = household(household);
    assertEquals("monitored", monitored.getString("riskState"));
    assertEquals("突发严重困难户", monitored.getString("monitoringType"));
    assertProblem(409, step(p, "township-review", null));          // finished procedures take no more steps

    // 4. a measure and a new income; elimination is refused before six months
    assertEquals(201, admin().post(B + "/households/" + household + "/measures", new JsonObject()
        .put("kind", "medical").put("responsibleUnit", "榆社县医疗保障局").put("startOn", Cases.today(zx).toString()))
        .status());
    assertEquals(200, admin().put(B + "/households/" + household, new JsonObject().put("incomePerCapita", "9600")
        .put("incomeFrom", Cases.today(zx).withDayOfMonth(1).minusMonths(12).toString())).status());
    JsonObject early = assertProblem(409, admin().post(B + "/households/" + household + "/procedures",
        new JsonObject().put("kind", "elimination")));
    assertTrue(early.getString("detail").contains("6 个月"), early::encode);

    // 5. seven months on, the risk is eliminated through village assessment, notice and county approval
    advance(Duration.ofDays(215));
    TestResponse started = admin().post(B + "/households/" + household + "/procedures",
        new JsonObject().put("kind", "elimination"));
    assertEquals(201, started.status(), started::toString);
    String e = B + "/procedures/" + started.json().getLong("id");
    assertEquals("village-assessment", started.json().getString("nextStep"));
    assertProblem(409, admin().post(e + "/decision", new JsonObject().put("outcome", "approved")));
    assertEquals(200, step(e, "village-assessment", null).status());
    LocalDate now = Cases.today(zx);
    assertEquals(200, notice(e, now, now.plusDays(5), null).status());
    advance(Duration.ofDays(6));
    TestResponse approved = admin().post(e + "/decision", new JsonObject().put("outcome", "approved"));
    assertEquals(200, approved.status(), approved::toString);
    JsonObject eliminated = household(household);
    assertEquals("eliminated", eliminated.getString("riskState"));
    assertEquals("突发严重困难户", eliminated.getString("monitoringType"), "the record stays");
    assertNotNull(eliminated.getString("eliminatedOn"));

    List<String> actions = admin().get(B + "/households/" + household + "/history?limit=100").json()
        .getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("action")).toList();
    assertTrue(actions.containsAll(List.of("create", "signal", "warning-raised", "warning-visited", "warning-settled",
        "identification-started", "identification-public-notice", "identification-county-decision", "measure-added",
        "update", "elimination-started", "elimination-county-decision")), actions::toString);
    assertTrue(zx.sql("SELECT count(*) FROM core.audit_log WHERE plugin = 'monitoring' AND object_type = 'procedure'"
        + " AND action = 'decide'").iterator().next().getLong(0) >= 2);
  }

  @Test
  void aRejectedVillageAssessmentEndsTheIdentification_andTheHouseholdIsAtRestAgain() {
    long household = Cases.createHousehold(admin(), YUSHE, "L-0006", Cases.idNumber(YUSHE, "1983-03-03"), null);
    TestResponse started = admin().post(B + "/households/" + household + "/procedures",
        new JsonObject().put("kind", "identification"));
    assertEquals(201, started.status(), started::toString);
    assertEquals("identifying", household(household).getString("riskState"));
    assertProblem(409, admin().post(B + "/households/" + household + "/procedures",
        new JsonObject().put("kind", "identification")));
    String p = B + "/procedures/" + started.json().getLong("id");
    assertEquals(200, step(p, "household-check", new JsonObject().put("authorised", true)).status());
    TestResponse rejected = step(p, "village-assessment", new JsonObject().put("outcome", "rejected")
        .put("note", "评议未通过：家庭收入稳定"));
    assertEquals("rejected", rejected.json().getString("state"), rejected::toString);
    assertEquals("normal", household(household).getString("riskState"));
    assertProblem(409, step(p, "township-review", null));
  }

  @Test
  void aHouseholdWithoutWorkingAgeLabourStaysUnderWatch() {
    JsonObject body = new JsonObject().put("township", "云竹镇").put("village", "后沟村").put("householdNo", "L-0002")
        .put("category", "脱贫户").put("incomePerCapita", "9800").put("incomeFrom", "2025-01-01")
        .put("members", new JsonArray().add(Cases.member("韩保平", Cases.idNumber(YUSHE, "1948-01-01"), "户主",
            "1948-01-01", "丧失劳动力", true)));
    TestResponse created = admin().post(B + "/households", body);
    assertEquals(201, created.status(), created::toString);
    long household = created.json().getLong("id");
    identify(household);
    assertEquals(201, admin().post(B + "/households/" + household + "/measures", new JsonObject()
        .put("kind", "social-security").put("responsibleUnit", "民政局").put("startOn", Cases.today(zx).toString()))
        .status());
    assertEquals(200, admin().put(B + "/households/" + household, new JsonObject().put("incomePerCapita", "9900")
        .put("incomeFrom", Cases.today(zx).withDayOfMonth(1).minusMonths(12).toString())).status());
    advance(Duration.ofDays(200));
    JsonObject refused = assertProblem(409, admin().post(B + "/households/" + household + "/procedures",
        new JsonObject().put("kind", "elimination")));
    assertTrue(refused.getString("detail").contains("继续监测"), refused::encode);
    assertEquals("monitored", household(household).getString("riskState"));
  }

  @Test
  void overdueWarningsEscalateWithAMovedClock_andAreCounted() {
    long household = Cases.createHousehold(admin(), YUSHE, "L-0003", Cases.idNumber(YUSHE, "1982-08-08"), null);
    report(household, "12317热线", "housing", null);
    JsonObject warning = onlyOpenWarning(household);
    assertEquals(1, warning.getInteger("level"));
    long other = Cases.createHousehold(admin(), YUSHE, "L-0007", Cases.idNumber(YUSHE, "1984-04-04"), null);
    long identification = admin().post(B + "/households/" + other + "/procedures",
        new JsonObject().put("kind", "identification")).json().getLong("id");

    advance(Duration.ofDays(9));
    runJob("sla-check");
    JsonObject late = admin().get(B + "/warnings/" + warning.getLong("id")).json();
    assertEquals(1, late.getInteger("escalations"));
    assertEquals(2, late.getInteger("level"));
    runJob("sla-check");
    assertEquals(1, admin().get(B + "/warnings/" + warning.getLong("id")).json().getInteger("escalations"),
        "one escalation per deadline, however often the check runs");
    assertTrue(zx.sql("SELECT count(*) FROM core.notification WHERE plugin = 'monitoring' AND county IS NULL"
        + " AND kind = 'warning-overdue'").iterator().next().getLong(0) >= 1, "the city is told");

    advance(Duration.ofDays(20));
    runJob("sla-check");
    JsonObject later = admin().get(B + "/warnings/" + warning.getLong("id")).json();
    assertEquals(2, later.getInteger("escalations"));
    assertEquals(3, later.getInteger("level"));
    assertTrue(admin().get(B + "/procedures/" + identification).json().getBoolean("escalated"),
        "an identification past its 15 days is escalated too");
    assertTrue(zx.sql("SELECT count(*) FROM core.notification WHERE plugin = 'monitoring' AND county IS NULL"
        + " AND kind = 'identification-overdue'").iterator().next().getLong(0) >= 1);
    JsonArray overdue = admin().get(B + "/warnings?overdue=true").json().getJsonArray("items");
    assertTrue(overdue.stream().anyMatch(o -> ((JsonObject) o).getLong("id").equals(warning.getLong("id"))));

    cn.zhenxing.testkit.Eventually.poll(Duration.ofSeconds(20), "the overdue gauge",
        () -> zx.anonymous().get("/metrics").body(),
        m -> m.lines().anyMatch(l -> l.startsWith("zx_monitoring_warnings_overdue{") && l.contains(YUSHE)
            && !l.endsWith(" 0.0")));
  }

  @Test
  void theRulesAreDataAndAChangedThresholdChangesTheWarnings() {
    long household = Cases.createHousehold(admin(), YUSHE, "L-0004", Cases.idNumber(YUSHE, "1975-04-04"), "8500");
    runJob("rule-evaluation");
    assertEquals(0, openWarnings(household).size(), "8500 is above the seeded threshold");

    int year = Cases.today(zx).getYear();
    String rules = "/api/v1/monitoring/rules/140000/" + year;
    JsonObject set = new JsonObject().put("incomeThreshold", "9000").put("incomeLevel", 2)
        .put("medicalThresholdAlleviated", "3000").put("medicalThresholdOther", "6000").put("medicalLevel", 2)
        .put("schoolingThreshold", "10000").put("schoolingLevel", 1).put("disasterLossThreshold", "10000")
        .put("disasterLevel", 3).put("unemploymentLevel", 2).put("otherLevel", 1);
    assertProblem(403, clerk().put(rules, set));
    assertInvalidField("incomeLevel", admin().put(rules, set.copy().put("incomeLevel", 7)));
    assertEquals(200, admin().put(rules, set).status());
    assertEquals("9000.00", admin().get(rules).json().getString("incomeThreshold"));

    runJob("rule-evaluation");
    JsonArray open = openWarnings(household);
    assertEquals(1, open.size());
    assertEquals("income", open.getJsonObject(0).getString("rule"));
    assertEquals("warned", household(household).getString("riskState"));
    runJob("rule-evaluation");
    assertEquals(1, openWarnings(household).size(), "the evaluation is idempotent");

    assertEquals("warned", report(household, "部门筛查", "illness", "3500").put("x", 0).getString("outcome"));
  }

  @Test
  void aLostEmploymentEventBecomesAnUnemploymentSignal_andAnUnknownPersonIsRecordedUnmatched() {
    long household = Cases.createHousehold(admin(), YUSHE, "L-0005", Cases.idNumber(YUSHE, "1985-05-05"), null);
    String index = zx.sql("SELECT id_index FROM monitoring.member WHERE household_id = $1 AND relation = '户主'",
        household).iterator().next().getString(0);
    publishEmploymentLost("140722", index);
    publishEmploymentLost("140722", "no-such-person-index");

    JsonObject signal = cn.zhenxing.testkit.Eventually.poll(Duration.ofSeconds(20), "the unemployment signal",
        () -> admin().get(B + "/signals?householdId=" + household + "&riskKind=unemployment").json(),
        j -> j.getLong("total") == 1).getJsonArray("items").getJsonObject(0);
    assertEquals("部门筛查", signal.getString("channel"));
    assertEquals("warned", signal.getString("outcome"));
    assertEquals("unemployment", onlyOpenWarning(household).getString("rule"));
    cn.zhenxing.testkit.Eventually.poll(Duration.ofSeconds(20), "the unmatched signal",
        () -> admin().get(base("140722") + "/signals?outcome=unmatched").json().getLong("total"), n -> n == 1);
  }

  @Test
  void theQuarterlyReportIsStoredAndDownloadable() {
    runJob("quarterly-report");
    JsonArray reports = admin().get(B + "/reports").json().getJsonArray("items");
    assertFalse(reports.isEmpty());
    JsonObject r = reports.getJsonObject(0);
    String path = B + "/reports/" + r.getInteger("year") + "/" + r.getInteger("quarter");
    TestResponse json = admin().get(path);
    assertEquals(200, json.status(), json::toString);
    assertNotNull(json.json().getJsonObject("content").getLong("households"));
    var csv = admin().download(path + "?format=csv");
    assertEquals(200, csv.statusCode());
    assertTrue(new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8).contains("households,"));
    assertProblem(404, admin().get(B + "/reports/2001/1"));
  }

  // ---- helpers ----

  /** The administrator's client; sessions expire when the clock jumps, so it logs in again after each move. */
  private static TestHttp admin;

  private static TestHttp admin() {
    if (admin == null) {
      admin = zx.http();
    }
    return admin;
  }

  private static void advance(Duration d) {
    zx.clock().advance(d);
    admin = zx.login(ZhenxingExtension.ADMIN, ZhenxingExtension.ADMIN_PASSWORD);
  }

  private void identify(long household) {
    report(household, "干部走访", "accident", null);
    String w = B + "/warnings/" + onlyOpenWarning(household).getLong("id");
    assertEquals(200, admin().post(w + "/visit", new JsonObject().put("note", "核实")).status());
    assertEquals(200, admin().post(w + "/settle", new JsonObject().put("settlement", "identify")).status());
    TestResponse list = admin().get(B + "/procedures?state=in-progress&limit=500");
    long id = list.json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(o -> o.getLong("householdId") == household).findFirst().orElseThrow().getLong("id");
    String p = B + "/procedures/" + id;
    assertEquals(200, step(p, "household-check", new JsonObject().put("authorised", true)).status());
    assertEquals(200, step(p, "village-assessment", null).status());
    LocalDate today = Cases.today(zx);
    assertEquals(200, notice(p, today, today.plusDays(5), null).status());
    advance(Duration.ofDays(6));
    assertEquals(200, step(p, "township-review", null).status());
    assertEquals(200, admin().post(p + "/decision", new JsonObject().put("outcome", "approved")
        .put("monitoringType", "脱贫不稳定户")).status());
  }

  private JsonObject report(long household, String channel, String kind, String amount) {
    JsonObject body = new JsonObject().put("channel", channel).put("householdId", household).put("riskKind", kind)
        .put("source", "测试").put("occurredOn", Cases.today(zx).toString());
    if (amount != null) {
      body.put("amount", amount);
    }
    if ("部门筛查".equals(channel)) {
      body.put("department", "医保");
    }
    TestResponse r = admin().post(B + "/signals", body);
    assertEquals(201, r.status(), r::toString);
    return r.json();
  }

  private JsonArray openWarnings(long household) {
    return new JsonArray(admin().get(B + "/warnings?householdId=" + household).json().getJsonArray("items")
        .stream().filter(o -> !"settled".equals(((JsonObject) o).getString("state"))).toList());
  }

  private JsonObject onlyOpenWarning(long household) {
    JsonArray open = openWarnings(household);
    assertEquals(1, open.size(), open::encode);
    return open.getJsonObject(0);
  }

  private long onlyProcedure(String kind) {
    JsonArray items = admin().get(B + "/procedures?kind=" + kind + "&state=in-progress").json().getJsonArray("items");
    return items.getJsonObject(items.size() - 1).getLong("id");
  }

  private JsonObject household(long id) {
    return admin().get(B + "/households/" + id).json();
  }

  private TestResponse step(String procedure, String step, JsonObject extra) {
    JsonObject body = new JsonObject().put("step", step).put("outcome", "passed");
    if (extra != null) {
      body.mergeIn(extra);
    }
    return admin().post(procedure + "/steps", body);
  }

  private TestResponse notice(String procedure, LocalDate from, LocalDate to, String note) {
    return step(procedure, "public-notice", new JsonObject().put("noticeFrom", from.toString())
        .put("noticeTo", to.toString()).put("note", note));
  }

  private void runJob(String job) {
    TestResponse r = admin().post("/api/v1/jobs/monitoring/" + job + "/runs?county=" + YUSHE, null);
    assertEquals(200, r.status(), r::toString);
    assertEquals("succeeded", r.json().getJsonArray("runs").getJsonObject(0).getString("outcome"), r::toString);
  }

  private void publishEmploymentLost(String county, String personIndex) {
    // Dated by the server's clock, which earlier tests moved on: by the database's now() the core's daily event
    // retention would see the event as months old and delete it before delivery.
    zx.sql("INSERT INTO core.event (type, county, payload, occurred_at, publisher) VALUES ('labor.employment-lost',"
        + " $1, $2, $3, 'labor')", county, new JsonObject().put("personIndex", personIndex)
        .put("employmentEnded", "2026-10-31").put("detectedOn", Cases.today(zx).toString()),
        zx.clock().instant().atOffset(java.time.ZoneOffset.UTC));
  }
}
