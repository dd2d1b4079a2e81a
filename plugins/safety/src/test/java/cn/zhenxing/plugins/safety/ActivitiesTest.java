package cn.zhenxing.plugins.safety;

import static cn.zhenxing.plugins.safety.Fixtures.createEnterprise;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: during the campaign, Taigu's clerk records the outsourcing investigation, hazardous-work training with its
 * trainees, the cards issued and the study events; the city runs the knowledge quiz, people of the county take part
 * once each; the city administrator follows every county's figures on /metrics.
 */
class ActivitiesTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().plugin("safety", SafetyPlugin::new)
      .config("metrics.refreshSeconds", "1").build();

  static final String TAIGU = "140703";
  static final String BASE = "/api/v1/safety/counties/" + TAIGU;
  static TestHttp clerk;
  static long enterprise;

  @BeforeAll
  static void setUp() {
    Support.enable(zx, TAIGU, "140702");
    clerk = zx.createUser("taigu-safety", TAIGU, List.of("county_staff"), List.of("safety"));
    enterprise = createEnterprise(clerk, TAIGU, "太谷区永盛化工有限公司", 1);
  }

  @Test
  void theOutsourcingInvestigationEndsInCorrectionOrBan() {
    JsonObject body = new JsonObject().put("enterpriseId", enterprise).put("project", "锅炉房运维外包")
        .put("kind", "outsourced").put("contractor", "某热力服务公司").put("inspectedOn", LocalDate.now().minusDays(1)
            .toString()).put("inspector", "李检查").put("violation", true);
    assertInvalidField("findings", clerk.post(BASE + "/outsourcing-inspections", body));
    long bad = Support.created(clerk.post(BASE + "/outsourcing-inspections", body.copy()
        .put("findings", "承包方无相应资质"))).getLong("id");
    long clean = Support.created(clerk.post(BASE + "/outsourcing-inspections", body.copy()
        .put("project", "厂房出租").put("kind", "leased").put("violation", false))).getLong("id");

    String decide = BASE + "/outsourcing-inspections/" + bad + "/outcome";
    assertInvalidField("outcome", clerk.post(decide, new JsonObject().put("outcome", "fined")
        .put("decidedOn", LocalDate.now().toString())));
    JsonObject banned = Support.ok(clerk.post(decide, new JsonObject().put("outcome", "banned")
        .put("decidedOn", LocalDate.now().minusDays(1).toString())));
    assertEquals("banned", banned.getString("outcome"));
    assertProblem(409, clerk.post(decide, new JsonObject().put("outcome", "corrected")
        .put("decidedOn", LocalDate.now().minusDays(1).toString())));
    assertProblem(409, clerk.post(BASE + "/outsourcing-inspections/" + clean + "/outcome",
        new JsonObject().put("outcome", "corrected").put("decidedOn", LocalDate.now().minusDays(1).toString())));
    assertEquals(1, Support.ok(clerk.get(BASE + "/outsourcing-inspections?outcome=banned")).getLong("total"));
  }

  @Test
  void trainingRecordsTraineesWithMaskedIdNumbers_oncePerTraining() {
    JsonObject training = Support.created(clerk.post(BASE + "/trainings", new JsonObject()
        .put("enterpriseId", enterprise).put("workType", "welding").put("title", "动火作业风险我知道——电焊工专题培训")
        .put("heldOn", "2023-06-08").put("place", "太谷区应急管理局培训室")));
    String trainees = BASE + "/trainings/" + training.getLong("id") + "/trainees";
    String id = validId("14070319850612301");
    JsonObject trainee = Support.created(clerk.post(trainees, new JsonObject().put("name", "赵师傅")
        .put("idNumber", id).put("passed", true).put("certificateNo", "TG-2023-0001")
        .put("certificateUntil", "2026-06-07")));
    assertEquals("140703********" + id.substring(14), trainee.getString("idNumber"));
    assertFalse(trainee.encode().contains(id), "the full number never leaves the server");
    assertFalse(zx.sql("SELECT id_cipher || id_index || id_masked FROM safety.trainee").iterator().next()
        .getString(0).contains(id), "nor is it stored in clear");

    JsonObject again = assertProblem(409, clerk.post(trainees, new JsonObject().put("name", "赵师傅")
        .put("idNumber", id)));
    assertEquals("idNumber", again.getJsonArray("errors").getJsonObject(0).getString("field"));
    // A bad number is reported with the body's other bad fields.
    TestResponse two = clerk.post(trainees, new JsonObject().put("idNumber", "140703198506123019"));
    assertInvalidField("idNumber", two);
    assertInvalidField("name", two);
    assertInvalidField("certificateNo", clerk.post(trainees, new JsonObject().put("name", "孙师傅")
        .put("idNumber", validId("14070319900101111")).put("certificateNo", "TG-2023-0002")));
    assertEquals(1, Support.ok(clerk.get(BASE + "/trainings/" + training.getLong("id"))).getLong("trainees"));
    JsonArray listed = Support.ok(clerk.get(trainees)).getJsonArray("items");
    assertEquals(1, listed.size());
    JsonObject trainings = Support.ok(clerk.get(BASE + "/trainings?workType=" + training.getString("workType")));
    assertEquals(training.getLong("id"), trainings.getJsonArray("items").getJsonObject(0).getLong("id"));
    assertEquals(1, trainings.getJsonArray("items").getJsonObject(0).getLong("trainees"), trainings::encode);
    assertInvalidField("workType", clerk.post(BASE + "/trainings", new JsonObject().put("workType", "juggling")
        .put("title", "x").put("heldOn", "2023-06-08").put("place", "x")));
  }

  @Test
  void cardsAndEducationEventsAreRecorded() {
    Support.created(clerk.post(BASE + "/cards", new JsonObject().put("enterpriseId", enterprise)
        .put("cardType", "risk_notification").put("post", "电焊工").put("copies", 12).put("issuedOn", "2023-06-09")));
    Support.created(clerk.post(BASE + "/cards", new JsonObject().put("enterpriseId", enterprise)
        .put("cardType", "safety_operation").put("post", "电焊工").put("copies", 12).put("issuedOn", "2023-06-09")));
    TestResponse bad = clerk.post(BASE + "/cards", new JsonObject().put("enterpriseId", enterprise)
        .put("cardType", "postcard").put("copies", 0).put("issuedOn", "2023-06-31"));
    for (String field : List.of("cardType", "post", "copies", "issuedOn")) {
      assertInvalidField(field, bad);
    }
    assertEquals(1, Support.ok(clerk.get(BASE + "/cards?cardType=safety_operation")).getLong("total"));

    JsonObject event = Support.created(clerk.post(BASE + "/education-events", new JsonObject()
        .put("type", "consultation_day").put("title", "安全宣传咨询日现场活动").put("heldOn", "2023-06-16")
        .put("place", "太谷区鼓楼广场").put("participants", 800).put("organizer", "太谷区安委会")));
    assertEquals("consultation_day", event.getString("type"));
    assertInvalidField("type", clerk.post(BASE + "/education-events", new JsonObject().put("type", "party")
        .put("title", "x").put("heldOn", "2023-06-16").put("place", "x").put("participants", 1)));
    assertEquals(1, Support.ok(clerk.get(BASE + "/education-events?from=2023-06-01&to=2023-06-30")).getLong("total"));
  }

  @Test
  void theQuizScoresSubmissions_onePerPerson_andReportsByCountyAndEnterprise() {
    long q1 = question("发现火灾应拨打的电话是？", new JsonArray().add("110").add("119").add("120"), 1, 5);
    long q2 = question("动火作业前必须办理？", new JsonArray().add("动火作业许可证").add("营业执照"), 0, 5);
    long other = question("不在本次竞赛中的题", new JsonArray().add("甲").add("乙"), 0, 1);
    Instant now = zx.clock().instant();
    JsonObject quiz = Support.created(zx.http().post("/api/v1/safety/quizzes", new JsonObject()
        .put("title", "2023 年安全生产、防灾减灾知识网络竞赛").put("opensAt", now.minusSeconds(3600).toString())
        .put("closesAt", now.plus(Duration.ofDays(30)).toString())
        .put("questionIds", new JsonArray().add(q1).add(q2))));
    long id = quiz.getLong("id");
    JsonObject quizzes = Support.ok(zx.http().get("/api/v1/safety/quizzes"));
    assertEquals(id, quizzes.getJsonArray("items").getJsonObject(0).getLong("id"), quizzes::encode);
    assertEquals(2, quizzes.getJsonArray("items").getJsonObject(0).getLong("questions"), quizzes::encode);
    JsonObject bank = Support.ok(zx.http().get("/api/v1/safety/quiz-questions"));
    assertTrue(bank.getLong("total") >= 3, bank::encode);

    JsonObject paper = Support.ok(clerk.get(BASE + "/quizzes/" + id));
    assertTrue(paper.getBoolean("open"));
    assertEquals(2, paper.getJsonArray("questions").size());
    assertFalse(paper.getJsonArray("questions").getJsonObject(0).containsKey("answer"), "no answers on the paper");

    String submit = BASE + "/quizzes/" + id + "/submissions";
    JsonObject first = Support.created(clerk.post(submit, submission("张三", "13912345678", enterprise, q1, 1, q2, 1)));
    assertEquals(5, first.getInteger("score"));
    assertEquals(10, first.getInteger("maxScore"));
    assertEquals("139****5678", first.getString("phone"));
    Support.created(clerk.post(submit, submission("李四", "139-1234-0000", null, q1, 1, q2, 0)));

    JsonObject twice = assertProblem(409, clerk.post(submit, submission("张三", "+86 139 1234 5678", enterprise, q1,
        0, q2, 0)));
    assertEquals("phone", twice.getJsonArray("errors").getJsonObject(0).getString("field"));
    assertInvalidField("phone", clerk.post(submit, submission("王五", "12345", null, q1, 1, q2, 0)));
    assertInvalidField("answers", clerk.post(submit, submission("王五", "13700000000", null, q1, 1, other, 0)));

    JsonObject byCounty = Support.ok(zx.http().get("/api/v1/safety/quizzes/" + id + "/results"));
    assertEquals(2, byCounty.getLong("participants"));
    JsonObject taigu = byCounty.getJsonArray("groups").getJsonObject(0);
    assertEquals(TAIGU, taigu.getString("county"));
    assertEquals(7.5, taigu.getDouble("averageScore"));
    JsonObject byEnterprise = Support.ok(clerk.get(BASE + "/quizzes/" + id + "/results"));
    assertEquals(enterprise, byEnterprise.getJsonArray("groups").getJsonObject(0).getLong("enterpriseId"));
    assertEquals(5.0, byEnterprise.getJsonArray("groups").getJsonObject(0).getDouble("averageScore"));

    JsonObject closed = Support.created(zx.http().post("/api/v1/safety/quizzes", new JsonObject()
        .put("title", "已结束的竞赛").put("opensAt", now.minus(Duration.ofDays(9)).toString())
        .put("closesAt", now.minus(Duration.ofDays(2)).toString()).put("questionIds", new JsonArray().add(q1))));
    assertProblem(409, clerk.post(BASE + "/quizzes/" + closed.getLong("id") + "/submissions",
        submission("赵六", "13600000000", null, q1, 1, q2, 0)));
    assertInvalidField("closesAt", zx.http().post("/api/v1/safety/quizzes", new JsonObject().put("title", "倒序")
        .put("opensAt", now.toString()).put("closesAt", now.minusSeconds(1).toString())
        .put("questionIds", new JsonArray().add(q1))));
  }

  @Test
  void everyCountysFiguresAreOnMetrics() {
    String yuci = "/api/v1/safety/counties/140702";
    long yuciEnterprise = createEnterprise(zx.http(), "140702", "榆次区安全示范企业", 77);
    LocalDate today = Fixtures.today(zx);
    Support.created(zx.http().post(yuci + "/hazards", Fixtures.hazard(yuciEnterprise, "major", today,
        today.plusDays(5))));
    long rectified = Support.created(zx.http().post(yuci + "/hazards", Fixtures.hazard(yuciEnterprise, "general",
        today, today.plusDays(5)))).getLong("id");
    Support.ok(zx.http().post(yuci + "/hazards/" + rectified + "/status",
        new JsonObject().put("status", "rectifying")));
    Support.ok(zx.http().post(yuci + "/hazards/" + rectified + "/status", new JsonObject().put("status", "rectified")
        .put("evidence", "已整改")));
    long campaign = zx.sql("SELECT id FROM safety.campaign ORDER BY year DESC LIMIT 1").iterator().next().getLong(0);
    long activity = zx.sql("SELECT id FROM safety.activity WHERE campaign_id = $1 ORDER BY ordinal LIMIT 1", campaign)
        .iterator().next().getLong(0);
    Support.ok(zx.http().put(yuci + "/campaigns/" + campaign + "/activities/" + activity + "/progress",
        new JsonObject().put("targetCount", 4).put("doneCount", 3)));

    String metrics = Eventually.poll(Duration.ofSeconds(15), "the Yuci figures on /metrics",
        () -> zx.http().get("/metrics").body(),
        body -> body.contains("zx_safety_hazards_found{county=\"140702\"} 2.0")
            && body.contains("zx_safety_activity_done{county=\"140702\"} 3.0"));
    assertTrue(metrics.contains("zx_safety_hazards_major_found{county=\"140702\"} 1.0"), metrics);
    assertTrue(metrics.contains("zx_safety_hazards_rectified{county=\"140702\"} 1.0"), metrics);
    assertTrue(metrics.contains("zx_safety_rectification_rate_percent{county=\"140702\"} 50.0"), metrics);
    assertTrue(metrics.contains("zx_safety_activity_target{county=\"140702\"} 4.0"), metrics);
    assertTrue(metrics.contains("zx_safety_enterprises{county=\"140703\"}"), metrics);
    String breakdown = Eventually.poll(Duration.ofSeconds(15), "hazards by status and level",
        () -> zx.http().get("/metrics").body(),
        body -> body.contains("zx_safety_hazards_by_status{county=\"140702\",status=\"rectified\"} 1.0"));
    assertTrue(breakdown.contains("zx_safety_hazards_by_level{county=\"140702\",level=\"major\"} 1.0"), breakdown);
  }

  private static long question(String text, JsonArray options, int answer, int points) {
    return Support.created(zx.http().post("/api/v1/safety/quiz-questions", new JsonObject().put("text", text)
        .put("options", options).put("answer", answer).put("points", points).put("topic", "应急常识"))).getLong("id");
  }

  private static JsonObject submission(String name, String phone, Long enterprise, long qa, int a, long qb, int b) {
    JsonObject s = new JsonObject().put("name", name).put("phone", phone).put("answers", new JsonArray()
        .add(new JsonObject().put("questionId", qa).put("choice", a))
        .add(new JsonObject().put("questionId", qb).put("choice", b)));
    return enterprise == null ? s : s.put("enterpriseId", enterprise);
  }

  /** The 17 digits with their GB 11643 check digit. */
  static String validId(String first17) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * weights[i];
    }
    return first17 + "10X98765432".charAt(sum % 11);
  }
}
