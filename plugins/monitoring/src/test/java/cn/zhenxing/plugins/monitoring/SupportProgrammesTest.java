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

/**
 * Issue #6 programmes around the register: insurance, relocation. Each test uses its own county so counts stay exact.
 */
class SupportProgrammesTest {

  @RegisterExtension
  static final ZhenxingExtension zx = Cases.server();

  private static final String YUSHE = "140721";
  private static final String ZUOQUAN = "140722";
  private static final String HESHUN = "140723";
  private static final String XIYANG = "140724";

  @BeforeAll
  static void countyStaff() {
    zx.createUser("zq-clerk", ZUOQUAN, List.of("county_staff"), List.of("monitoring"));
  }

  // ---- insurance ----

  @Test
  void policiesCoverHouseholdsAndClaimsMoveFiledApprovedPaid() {
    String b = base(YUSHE);
    long covered = Cases.createHousehold(zx.http(), YUSHE, "INS-1", Cases.idNumber(YUSHE, "1970-01-01"), "9000");
    long other = Cases.createHousehold(zx.http(), YUSHE, "INS-2", Cases.idNumber(YUSHE, "1971-01-01"), "9000");
    long elsewhere = Cases.createHousehold(zx.http(), ZUOQUAN, "INS-3", Cases.idNumber(ZUOQUAN, "1972-01-01"), "9000");
    JsonObject body = policy("防返贫保险", "FPB-2026-001", "2026-01-01", "2026-12-31", covered);

    TestResponse created = zx.http().post(b + "/insurance/policies", body);
    assertEquals(201, created.status(), created::toString);
    JsonObject policy = created.json();
    assertEquals(1, policy.getInteger("households"));
    assertEquals("中国人寿晋中分公司", policy.getString("insurer"));
    String p = b + "/insurance/policies/" + policy.getLong("id");
    assertEquals(covered, zx.http().get(p).json().getJsonArray("coveredHouseholds").getJsonObject(0).getLong("id"));

    JsonObject duplicate = assertProblem(409, zx.http().post(b + "/insurance/policies", body));
    assertEquals("policyNo", duplicate.getJsonArray("errors").getJsonObject(0).getString("field"));
    assertInvalidField("endsOn", zx.http().post(b + "/insurance/policies",
        policy("价格险", "JG-1", "2026-06-01", "2026-05-31", covered)));
    assertInvalidField("kind", zx.http().post(b + "/insurance/policies",
        policy("车险", "CX-1", "2026-01-01", "2026-12-31", covered)));
    assertInvalidField("householdIds", zx.http().post(b + "/insurance/policies",
        policy("灾害险", "ZH-1", "2026-01-01", "2026-12-31", elsewhere)));

    // a claim only for a covered household; filed → approved → paid, never filed → paid
    JsonObject claim = new JsonObject().put("householdId", other).put("amount", "3000").put("filedOn", "2026-05-02")
        .put("reason", "住院");
    assertInvalidField("householdId", zx.http().post(p + "/claims", claim));
    TestResponse filed = zx.http().post(p + "/claims", claim.put("householdId", covered));
    assertEquals(201, filed.status(), filed::toString);
    String c = b + "/insurance/claims/" + filed.json().getLong("id");
    assertEquals("filed", filed.json().getString("status"));
    assertProblem(409, zx.http().put(c, new JsonObject().put("status", "paid").put("paidAmount", "3000")));
    assertEquals("approved", zx.http().put(c, new JsonObject().put("status", "approved")).json().getString("status"));
    assertInvalidField("paidAmount", zx.http().put(c, new JsonObject().put("status", "paid")));
    JsonObject paid = zx.http().put(c, new JsonObject().put("status", "paid").put("paidAmount", "2800.50")).json();
    assertEquals("paid", paid.getString("status"));
    assertEquals("2800.5", paid.getValue("paidAmount").toString());

    assertEquals(1, zx.http().get(b + "/insurance/claims?status=paid&householdId=" + covered).json()
        .getInteger("total"));
    assertEquals(1, zx.http().get(b + "/insurance/policies?kind=防返贫保险&activeOn=2026-06-30&householdId=" + covered)
        .json().getInteger("total"));
    assertEquals(0, zx.http().get(b + "/insurance/policies?activeOn=2027-01-01").json().getInteger("total"));
    assertEquals(3, zx.sql("SELECT count(*) FROM core.audit_log WHERE plugin = 'monitoring'"
        + " AND object_type = 'insurance-claim'").iterator().next().getLong(0), "file, approve, pay are audited");

    // another county's clerk sees none of it
    TestHttp clerk = zx.login("zq-clerk", ZhenxingExtension.passwordOf("zq-clerk"));
    assertProblem(403, clerk.get(p));
    assertProblem(404, clerk.get(base(ZUOQUAN) + "/insurance/policies/" + policy.getLong("id")));
  }

  @Test
  void anUninsuredMonitoringObjectIsWarnedNightlyAndTheCoverageRateIsAMetric() {
    String b = base(HESHUN);
    long insured = monitored(HESHUN, "UN-1");
    long onlyIllness = monitored(HESHUN, "UN-2");
    long notMonitored = Cases.createHousehold(zx.http(), HESHUN, "UN-3", Cases.idNumber(HESHUN, "1966-01-01"), "9000");
    LocalDate today = Cases.today(zx);
    String from = today.minusMonths(1).toString();
    String to = today.plusMonths(11).toString();
    assertEquals(201, zx.http().post(b + "/insurance/policies", policy("防返贫保险", "FPB-HS-1", from, to, insured))
        .status());
    // a serious-illness policy is not the anti-return-to-poverty net; an expired 防返贫保险 neither
    assertEquals(201, zx.http().post(b + "/insurance/policies", policy("大病保险", "DB-HS-1", from, to, onlyIllness))
        .status());
    assertEquals(201, zx.http().post(b + "/insurance/policies", policy("防返贫保险", "FPB-HS-0",
        today.minusYears(2).toString(), today.minusYears(1).toString(), onlyIllness)).status());

    runJob(HESHUN, "rule-evaluation");
    assertEquals(List.of(), uninsuredWarnings(b, insured));
    assertEquals(List.of(), uninsuredWarnings(b, notMonitored));
    List<JsonObject> warned = uninsuredWarnings(b, onlyIllness);
    assertEquals(1, warned.size());
    assertEquals("open", warned.get(0).getString("state"));
    runJob(HESHUN, "rule-evaluation");
    assertEquals(1, uninsuredWarnings(b, onlyIllness).size(), "a re-run raises no second warning");

    Eventually.poll(Duration.ofSeconds(20), "the coverage gauges",
        () -> zx.anonymous().get("/metrics").body(),
        m -> metric(m, "zx_monitoring_insurance_coverage_rate", HESHUN, " 0.5")
            && metric(m, "zx_monitoring_insurance_objects", HESHUN, " 2.0")
            && metric(m, "zx_monitoring_insurance_objects_covered", HESHUN, " 1.0"));
  }

  // ---- relocation ----

  @Test
  void communitiesHaveTheirRelocatedHouseholdsSupportAndAFiveGoodAssessment() {
    String b = base(XIYANG);
    TestResponse created = zx.http().post(b + "/relocation/communities", new JsonObject().put("name", "幸福家园社区")
        .put("township", "乐平镇").put("plannedHouseholds", 300));
    assertEquals(201, created.status(), created::toString);
    long community = created.json().getLong("id");
    String c = b + "/relocation/communities/" + community;
    JsonObject duplicate = assertProblem(409, zx.http().post(b + "/relocation/communities",
        new JsonObject().put("name", "幸福家园社区").put("township", "乐平镇")));
    assertEquals("name", duplicate.getJsonArray("errors").getJsonObject(0).getString("field"));

    long moved = relocated(XIYANG, "RL-1", "幸福家园社区");
    relocated(XIYANG, "RL-2", "幸福家园社区");
    long stayed = Cases.createHousehold(zx.http(), XIYANG, "RL-3", Cases.idNumber(XIYANG, "1969-01-01"), "9000");
    assertEquals(2, zx.http().get(c).json().getInteger("households"));
    assertEquals(2, zx.http().get(c + "/households").json().getInteger("total"));
    assertEquals(2, zx.http().get(b + "/households?relocated=true").json().getInteger("total"));
    assertEquals(stayed, zx.http().get(b + "/households?relocated=false").json().getJsonArray("items")
        .getJsonObject(0).getLong("id"));
    assertInvalidField("relocated", zx.http().get(b + "/households?relocated=maybe"));

    JsonObject support = new JsonObject().put("kind", "employment").put("description", "社区工厂吸纳就业")
        .put("responsibleUnit", "昔阳县人社局").put("startOn", "2026-03-01");
    assertEquals(201, zx.http().post(c + "/support", support).status());
    assertInvalidField("householdId", zx.http().post(c + "/support", support.copy().put("householdId", stayed)));
    TestResponse forOne = zx.http().post(c + "/support", support.copy().put("householdId", moved)
        .put("kind", "integration"));
    assertEquals(201, forOne.status(), forOne::toString);
    assertEquals("completed", zx.http().put(b + "/relocation/support/" + forOne.json().getLong("id"),
        new JsonObject().put("status", "completed")).json().getString("status"));
    assertEquals(2, zx.http().get(b + "/relocation/support?communityId=" + community).json().getInteger("total"));
    assertEquals(1, zx.http().get(b + "/relocation/support?status=completed").json().getInteger("total"));

    int year = Cases.today(zx).getYear();
    JsonObject scores = new JsonObject().put("partyBuilding", 90).put("employment", 85).put("services", 88)
        .put("governance", 80).put("civility", 70);
    assertEquals(false, zx.http().put(c + "/assessments/" + year, scores).json().getBoolean("passed"));
    JsonObject passed = zx.http().put(c + "/assessments/" + year, scores.copy().put("civility", 82)).json();
    assertEquals(true, passed.getBoolean("passed"), passed::encode);
    assertEquals(80, passed.getInteger("passScore"));
    assertInvalidField("civility", zx.http().put(c + "/assessments/" + year, scores.copy().putNull("civility")));
    assertInvalidField("employment", zx.http().put(c + "/assessments/" + year, scores.copy().put("employment", 101)));
    assertInvalidField("year", zx.http().put(c + "/assessments/1999", scores));
    assertEquals(1, zx.http().get(c + "/assessments").json().getJsonArray("assessments").size(),
        "a corrected assessment replaces the year's");
    assertEquals(true, zx.http().get(c).json().getBoolean("fiveGoodLatest"));

    TestHttp clerk = zx.login("zq-clerk", ZhenxingExtension.passwordOf("zq-clerk"));
    assertProblem(404, clerk.get(base(ZUOQUAN) + "/relocation/communities/" + community));
    Eventually.poll(Duration.ofSeconds(20), "the relocation gauges",
        () -> zx.anonymous().get("/metrics").body(),
        m -> metric(m, "zx_monitoring_relocated_households", XIYANG, " 2.0")
            && metric(m, "zx_monitoring_resettlement_communities", XIYANG, " 1.0")
            && metric(m, "zx_monitoring_communities_five_good_this_year", XIYANG, " 1.0"));
  }

  // ---- helpers ----

  private static long relocated(String county, String number, String community) {
    TestResponse r = zx.http().post(base(county) + "/households", Cases.household(county, number,
        Cases.idNumber(county, "1968-06-06"), "9000").put("relocated", true).put("resettlementCommunity", community));
    assertEquals(201, r.status(), r::toString);
    return r.json().getLong("id");
  }

  private static JsonObject policy(String kind, String number, String from, String to, long... households) {
    JsonArray ids = new JsonArray();
    for (long h : households) {
      ids.add(h);
    }
    return new JsonObject().put("kind", kind).put("policyNo", number).put("insurer", "中国人寿晋中分公司")
        .put("startsOn", from).put("endsOn", to).put("premium", "100").put("householdIds", ids);
  }

  /** A household of the county made a monitoring object directly (the procedure itself is CaseLifecycleTest's). */
  private static long monitored(String county, String number) {
    long id = Cases.createHousehold(zx.http(), county, number, Cases.idNumber(county, "1965-02-02"), "9000");
    zx.sql("UPDATE monitoring.household SET risk_state = 'monitored', monitoring_type = '脱贫不稳定户',"
        + " monitored_since = $2 WHERE id = $1", id, Cases.today(zx).minusMonths(2));
    return id;
  }

  private static List<JsonObject> uninsuredWarnings(String b, long household) {
    return zx.http().get(b + "/warnings?householdId=" + household).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(w -> "uninsured".equals(w.getString("rule"))).toList();
  }

  private static boolean metric(String metrics, String name, String county, String value) {
    return metrics.lines().anyMatch(l -> l.startsWith(name + "{") && l.contains("\"" + county + "\"")
        && l.endsWith(value));
  }

  private static void runJob(String county, String job) {
    TestResponse r = zx.http().post("/api/v1/jobs/monitoring/" + job + "/runs?county=" + county, null);
    assertEquals(200, r.status(), r::toString);
    assertEquals("succeeded", r.json().getJsonArray("runs").getJsonObject(0).getString("outcome"), r::toString);
  }
}
