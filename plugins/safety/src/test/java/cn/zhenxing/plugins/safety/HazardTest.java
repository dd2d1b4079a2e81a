package cn.zhenxing.plugins.safety;

import static cn.zhenxing.plugins.safety.Fixtures.createEnterprise;
import static cn.zhenxing.plugins.safety.Fixtures.hazard;
import static cn.zhenxing.testkit.Problems.assertInvalidField;
import static cn.zhenxing.testkit.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: Yuci's clerks register enterprises and record hidden hazards; a hazard is rectified with evidence and
 * verified, a major one only by someone other than its reporter; the city sees every county's major hazards;
 * other counties and counties without the programme see nothing.
 */
class HazardTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().plugin("safety", SafetyPlugin::new).build();

  static final String YUCI = "140702";
  static final String TAIGU = "140703";
  static final String YUSHE = "140721";
  static final String BASE = "/api/v1/safety/counties/" + YUCI;

  static TestHttp reporter;
  static TestHttp verifier;
  static TestHttp taiguClerk;

  @BeforeAll
  static void setUp() {
    Support.enable(zx, YUCI, TAIGU);
    Support.setEnabled(zx, YUSHE, false);
    reporter = zx.createUser("yuci-reporter", YUCI, List.of("county_staff"), List.of("safety"));
    verifier = zx.createUser("yuci-verifier", YUCI, List.of("county_staff"), List.of("safety"));
    taiguClerk = zx.createUser("taigu-clerk", TAIGU, List.of("county_staff"), List.of("safety"));
  }

  @Test
  void enterprisesAreRegisteredWithAValidCreditCode_onceInTheCity() {
    JsonObject body = Fixtures.enterprise("晋中市榆次区宏达机械有限公司", Fixtures.creditCode(YUCI, 1));
    JsonObject created = Support.created(reporter.post(BASE + "/enterprises", body));
    assertEquals(YUCI, created.getString("county"));
    assertEquals(1L, Support.count(zx, "SELECT count(*) FROM core.audit_log WHERE plugin = 'safety'"
        + " AND action = 'create' AND object_type = 'enterprise' AND object_id = $1",
        created.getLong("id").toString()));

    JsonObject duplicate = assertProblem(409, reporter.post(BASE + "/enterprises", body));
    assertEquals("creditCode", duplicate.getJsonArray("errors").getJsonObject(0).getString("field"));

    String code = Fixtures.creditCode(YUCI, 2);
    char wrong = code.charAt(17) == '0' ? '1' : '0';
    String reason = assertInvalidField("creditCode", reporter.post(BASE + "/enterprises",
        Fixtures.enterprise("校验码错误的企业", code.substring(0, 17) + wrong)));
    assertTrue(reason.contains("校验码"), reason);
    assertTrue(assertInvalidField("creditCode", reporter.post(BASE + "/enterprises",
        Fixtures.enterprise("含字母O的企业", "91140702MA0O00001X"))).contains("第 12 位"));
    TestResponse many = reporter.post(BASE + "/enterprises", new JsonObject().put("riskLevel", "red"));
    for (String field : List.of("name", "creditCode", "industry", "riskLevel")) {
      assertInvalidField(field, many);
    }

    JsonObject list = Support.ok(reporter.get(BASE + "/enterprises?keyEnterprise=true&name=%E5%AE%8F%E8%BE%BE"));
    assertEquals(1, list.getLong("total"));
    assertInvalidField("riskLevel", reporter.get(BASE + "/enterprises?riskLevel=red"));
  }

  @Test
  void aMajorHazardNeedsAPlan_isRectifiedWithEvidence_andIsVerifiedByAnotherPerson() {
    long enterprise = createEnterprise(reporter, YUCI, "榆次区铸造厂", 10);
    LocalDate today = Fixtures.today(zx);

    JsonObject noPlan = hazard(enterprise, "major", today, today.plusDays(30));
    noPlan.remove("plan");
    assertTrue(assertInvalidField("plan", reporter.post(BASE + "/hazards", noPlan)).contains("整改方案"));
    TestResponse bad = reporter.post(BASE + "/hazards", hazard(enterprise, "general", today, today.minusDays(1))
        .put("foundBy", "rumour"));
    assertInvalidField("foundBy", bad);

    JsonObject h = Support.created(reporter.post(BASE + "/hazards", hazard(enterprise, "major", today,
        today.plusDays(30))));
    assertEquals("open", h.getString("status"));
    assertEquals("yuci-reporter", h.getString("reportedBy"));
    assertEquals("榆次区铸造厂", h.getString("enterpriseName"));
    assertTrue(h.getString("code").startsWith("YH"), h::encode);
    assertEquals("major-hazard-reported", zx.sql("SELECT kind FROM core.notification WHERE county IS NULL"
        + " AND link LIKE '%/hazards/' || $1", h.getLong("id").toString()).iterator().next().getString(0),
        "the city is told of a major hazard");
    String status = BASE + "/hazards/" + h.getLong("id") + "/status";

    assertProblem(409, reporter.post(status, new JsonObject().put("status", "verified")));
    Support.ok(reporter.post(status, new JsonObject().put("status", "rectifying")));
    assertInvalidField("evidence", reporter.post(status, new JsonObject().put("status", "rectified")));
    JsonObject rectified = Support.ok(reporter.post(status, new JsonObject().put("status", "rectified")
        .put("evidence", "已配备灭火器 6 具，整改照片已存档")));
    assertEquals(today.toString(), rectified.getString("rectifiedOn"));

    JsonObject ownVerification = assertProblem(409, reporter.post(status, new JsonObject().put("status", "verified")));
    assertTrue(ownVerification.getString("detail").contains("上报人以外"), ownVerification::encode);

    JsonObject edit = new JsonObject().put("description", "动火作业现场未配备灭火器材（复查）")
        .put("responsiblePerson", "王主任").put("deadline", today.plusDays(40).toString());
    assertInvalidField("plan", reporter.put(BASE + "/hazards/" + h.getLong("id"), edit));
    assertEquals(today.plusDays(40).toString(), Support.ok(reporter.put(BASE + "/hazards/" + h.getLong("id"),
        edit.copy().put("plan", "停产整改"))).getString("deadline"));

    JsonObject verified = Support.ok(verifier.post(status, new JsonObject().put("status", "verified")
        .put("note", "现场核验合格")));
    assertEquals("verified", verified.getString("status"));
    assertEquals("yuci-verifier", verified.getString("verifiedBy"));
    assertProblem(409, verifier.post(status, new JsonObject().put("status", "rectifying")));
    assertProblem(409, reporter.put(BASE + "/hazards/" + h.getLong("id"), edit.copy().put("plan", "x")));

    assertEquals(List.of("create", "status", "status", "update", "status"), zx.sql("SELECT action FROM core.audit_log"
        + " WHERE plugin = 'safety' AND object_type = 'hazard' AND object_id = $1 ORDER BY id",
        h.getLong("id").toString()).stream().map(r -> r.getString(0)).toList());
  }

  @Test
  void aGeneralHazardMayBeVerifiedByItsReporter_andARejectedRectificationGoesBack() {
    long enterprise = createEnterprise(reporter, YUCI, "榆次区面粉厂", 11);
    LocalDate today = Fixtures.today(zx);
    long id = Support.created(reporter.post(BASE + "/hazards", hazard(enterprise, "general", today,
        today.plusDays(3)))).getLong("id");
    String status = BASE + "/hazards/" + id + "/status";
    Support.ok(reporter.post(status, new JsonObject().put("status", "rectifying")));
    Support.ok(reporter.post(status, new JsonObject().put("status", "rectified").put("evidence", "已整改")));
    assertEquals("rectifying", Support.ok(verifier.post(status, new JsonObject().put("status", "rectifying")
        .put("note", "整改不到位"))).getString("status"));
    Support.ok(reporter.post(status, new JsonObject().put("status", "rectified").put("evidence", "二次整改")));
    assertEquals("verified", Support.ok(reporter.post(status, new JsonObject().put("status", "verified")))
        .getString("status"));
  }

  @Test
  void theCityTracksEveryCountysMajorHazards() {
    LocalDate today = Fixtures.today(zx);
    long yuciEnterprise = createEnterprise(reporter, YUCI, "榆次区化工厂", 20);
    long taiguEnterprise = createEnterprise(taiguClerk, TAIGU, "太谷区煤矿", 21);
    Support.created(reporter.post(BASE + "/hazards", hazard(yuciEnterprise, "major", today, today.plusDays(9))));
    Support.created(reporter.post(BASE + "/hazards", hazard(yuciEnterprise, "general", today, today.plusDays(9))));
    Support.created(taiguClerk.post("/api/v1/safety/counties/" + TAIGU + "/hazards",
        hazard(taiguEnterprise, "major", today, today.plusDays(9))));

    JsonObject all = Support.ok(zx.http().get("/api/v1/safety/major-hazards?limit=500"));
    assertTrue(all.getJsonArray("items").stream().map(JsonObject.class::cast)
        .allMatch(h -> h.getString("level").equals("major")));
    assertTrue(all.getJsonArray("items").stream().map(JsonObject.class::cast)
        .anyMatch(h -> h.getString("county").equals(TAIGU)));
    JsonObject taigu = Support.ok(zx.http().get("/api/v1/safety/major-hazards?county=" + TAIGU));
    assertEquals(1, taigu.getLong("total"));
    assertInvalidField("county", zx.http().get("/api/v1/safety/major-hazards?county=yuci"));
    // City-wide pages are for city accounts.
    assertProblem(403, reporter.get("/api/v1/safety/major-hazards"));
  }

  @Test
  void anotherCountysRowsAreInvisible_andACountyWithoutTheProgrammeIsRefused() {
    long enterprise = createEnterprise(reporter, YUCI, "榆次区纺织厂", 30);
    LocalDate today = Fixtures.today(zx);
    long hazard = Support.created(reporter.post(BASE + "/hazards", hazard(enterprise, "general", today,
        today.plusDays(3)))).getLong("id");

    // A Taigu clerk may not open Yuci's pages at all ...
    assertProblem(403, taiguClerk.get(BASE + "/hazards/" + hazard));
    // ... and through Taigu's pages, Yuci's rows do not exist.
    String taigu = "/api/v1/safety/counties/" + TAIGU;
    assertProblem(404, taiguClerk.get(taigu + "/hazards/" + hazard));
    assertProblem(404, taiguClerk.get(taigu + "/enterprises/" + enterprise));
    assertProblem(404, taiguClerk.post(taigu + "/hazards/" + hazard + "/status",
        new JsonObject().put("status", "rectifying")));
    assertProblem(404, taiguClerk.put(taigu + "/enterprises/" + enterprise,
        Fixtures.enterprise("改名", Fixtures.creditCode(TAIGU, 31))));
    // Nor can a Taigu hazard point at a Yuci enterprise.
    assertInvalidField("enterpriseId", taiguClerk.post(taigu + "/hazards", hazard(enterprise, "general", today,
        today.plusDays(3))));
    assertEquals("open", Support.ok(reporter.get(BASE + "/hazards/" + hazard)).getString("status"));
    assertProblem(404, reporter.get(BASE + "/hazards/abc"));

    JsonObject disabled = assertProblem(403, zx.http().get("/api/v1/safety/counties/" + YUSHE + "/hazards"));
    assertEquals("/problems/plugin-not-enabled", disabled.getString("type"));
    assertProblem(403, zx.http().post("/api/v1/safety/counties/" + YUSHE + "/enterprises",
        Fixtures.enterprise("榆社企业", Fixtures.creditCode(YUSHE, 1))));
    assertEquals(0L, Support.count(zx, "SELECT count(*) FROM safety.enterprise WHERE county_code = $1", YUSHE));
  }

  @Test
  void listsFilterAndPage() {
    long enterprise = createEnterprise(reporter, YUCI, "榆次区建材厂", 40);
    LocalDate today = Fixtures.today(zx);
    for (int i = 0; i < 3; i++) {
      Support.created(reporter.post(BASE + "/hazards", hazard(enterprise, "general", today, today.plusDays(5))));
    }
    JsonObject page = Support.ok(reporter.get(BASE + "/hazards?enterpriseId=" + enterprise + "&limit=2"));
    assertEquals(3, page.getLong("total"));
    assertEquals(2, page.getJsonArray("items").size());
    JsonObject rest = Support.ok(reporter.get(BASE + "/hazards?enterpriseId=" + enterprise + "&limit=2&offset=2"));
    assertEquals(1, rest.getJsonArray("items").size());
    assertNotEquals(page.getJsonArray("items").getJsonObject(0).getLong("id"),
        rest.getJsonArray("items").getJsonObject(0).getLong("id"));
    JsonObject pastEnd = Support.ok(reporter.get(BASE + "/hazards?enterpriseId=" + enterprise + "&offset=13"));
    assertEquals(0, pastEnd.getJsonArray("items").size(), pastEnd::encode);
    assertEquals(3, pastEnd.getLong("total"), "a page past the end still counts the matching hazards");
    assertInvalidField("status", reporter.get(BASE + "/hazards?status=closed"));
    assertInvalidField("limit", reporter.get(BASE + "/hazards?limit=0"));
  }
}
