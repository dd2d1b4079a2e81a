package cn.zhenxing.plugins.labor;

import static cn.zhenxing.plugins.labor.LabourersAndEmploymentTest.job;
import static cn.zhenxing.plugins.labor.LabourersAndEmploymentTest.labourer;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: the programme around the jobs — skills training by brand and what it leads to, the intermediaries and their
 * placements, the 雨露计划+ graduates — and the city's targets against the actuals, in the API and in /metrics.
 */
class ProgrammeRegistersTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().plugin("labor", LaborPlugin::new)
      .config("metrics.refreshSeconds", "1").build();

  private static final String ZUOQUAN = "/api/v1/labor/counties/140722";
  private static final String PINGYAO = "/api/v1/labor/counties/140728";

  @Test
  void trainingByBrandCountsCompletersEmployedWithinThreeAndSixMonths() {
    long brand = zx.http().get(ZUOQUAN + "/brands").json().getJsonArray("items").getJsonObject(0).getLong("id");
    TestResponse course = zx.http().post(ZUOQUAN + "/courses", new JsonObject().put("name", "育婴员培训")
        .put("brandId", brand).put("hours", 80));
    assertEquals(201, course.status(), course::toString);
    assertEquals("左权家政服务", course.json().getString("brandName"));
    assertEquals("140722", course.json().getString("county"));
    TestResponse session = zx.http().post(ZUOQUAN + "/training-sessions", new JsonObject()
        .put("courseId", course.json().getLong("id")).put("startsOn", "2026-01-05").put("endsOn", "2026-01-20")
        .put("place", "左权县职业学校").put("capacity", 3));
    assertEquals(201, session.status(), session::toString);
    assertEquals("140722", session.json().getString("county"));
    String trainees = ZUOQUAN + "/training-sessions/" + session.json().getLong("id") + "/trainees";

    List<Long> people = IntStream.range(0, 4).mapToObj(i -> zx.http().post(ZUOQUAN + "/labourers",
        labourer("学员" + i, IdCards.of("140722", 100 + i))).json().getLong("id")).toList();
    List<Long> enrolled = people.subList(0, 3).stream().map(p -> {
      TestResponse r = zx.http().post(trainees, new JsonObject().put("labourerId", p));
      assertEquals(201, r.status(), r::toString);
      assertEquals("140722", r.json().getString("county"));
      return r.json().getLong("id");
    }).toList();
    assertEquals("培训班已满 / The session is full", assertProblem(409, zx.http().post(trainees,
        new JsonObject().put("labourerId", people.get(3)))).getString("detail"));
    assertProblem(409, zx.http().post(trainees, new JsonObject().put("labourerId", people.get(0))));

    for (long t : enrolled) {
      assertEquals(200, zx.http().put(ZUOQUAN + "/trainees/" + t + "/completion", new JsonObject()
          .put("completedOn", "2026-01-20").put("certificateNo", "ZQ-" + t)).status());
    }
    assertInvalidField("completedOn", zx.http().put(ZUOQUAN + "/trainees/" + enrolled.get(0) + "/completion",
        new JsonObject().put("completedOn", "2025-12-31")));
    // Employed a month after the session, five months after, and never.
    zx.http().post(ZUOQUAN + "/employments", job(people.get(0), "北京某家政公司", "outside", "北京市", "2026-02-20",
        null).put("foundVia", "brand"));
    zx.http().post(ZUOQUAN + "/employments", job(people.get(1), "太原某月子中心", "province", null, "2026-06-15",
        null));

    JsonObject outcome = zx.http().get(ZUOQUAN + "/training-outcomes?brandId=" + brand).json()
        .getJsonArray("items").getJsonObject(0);
    assertEquals(3, outcome.getInteger("trainees"));
    assertEquals(3, outcome.getInteger("completed"));
    assertEquals(3, outcome.getInteger("certificates"));
    assertEquals(1, outcome.getInteger("employedWithin3Months"));
    assertEquals(2, outcome.getInteger("employedWithin6Months"));
    JsonObject byBrand = zx.http().get("/api/v1/labor/brand-summary").json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(b -> b.getLong("id") == brand).findFirst().orElseThrow();
    assertEquals("140722", byBrand.getString("county"));
    assertEquals(3, byBrand.getInteger("trainees"));
    assertEquals(3, byBrand.getInteger("completions"));

    TestResponse bad = zx.http().post(ZUOQUAN + "/training-sessions", new JsonObject().put("courseId", 999999)
        .put("startsOn", "2026-03-10").put("endsOn", "2026-03-01").put("capacity", 0));
    assertInvalidField("endsOn", bad);
    assertInvalidField("capacity", bad);
    assertInvalidField("place", bad);
    assertInvalidField("courseId", zx.http().post(PINGYAO + "/training-sessions", new JsonObject()
        .put("courseId", course.json().getLong("id")).put("startsOn", "2026-03-01").put("endsOn", "2026-03-02")
        .put("place", "平遥").put("capacity", 10)));
    assertProblem(404, zx.http().get(PINGYAO + "/training-sessions/" + session.json().getLong("id") + "/trainees"));
  }

  @Test
  void intermediariesServeProvinces_andTheirPlacementsAreFollowedUp() {
    TestResponse created = zx.http().post(PINGYAO + "/intermediaries", new JsonObject().put("name", "平遥县人力资源服务公司")
        .put("provinces", new JsonArray().add("北京市").add("江苏省")));
    assertEquals(201, created.status(), created::toString);
    long intermediary = created.json().getLong("id");
    assertInvalidField("provinces", zx.http().post(PINGYAO + "/intermediaries", new JsonObject().put("name", "x")
        .put("provinces", new JsonArray())));

    long person = zx.http().post(PINGYAO + "/labourers", labourer("平遥人", IdCards.of("140728", 7))).json()
        .getLong("id");
    TestResponse placed = zx.http().post(PINGYAO + "/employments", job(person, "苏州某电子厂", "outside", "江苏省",
        "2026-02-01", null).put("foundVia", "intermediary").put("intermediaryId", intermediary));
    assertEquals(201, placed.status(), placed::toString);
    // An intermediary of another county cannot have placed this county's labourer.
    long other = zx.http().post(ZUOQUAN + "/intermediaries", new JsonObject().put("name", "左权家政劳务公司")
        .put("provinces", new JsonArray().add("北京市"))).json().getLong("id");
    assertInvalidField("intermediaryId", zx.http().post(PINGYAO + "/employments", job(person, "另一家", "outside",
        "江苏省", "2026-03-01", null).put("foundVia", "intermediary").put("intermediaryId", other)));

    JsonObject listed = zx.http().get(PINGYAO + "/intermediaries?province=江苏省").json();
    assertEquals(1L, listed.getLong("total"));
    assertEquals(1, listed.getJsonArray("items").getJsonObject(0).getInteger("placements"));
    assertEquals("140728", listed.getJsonArray("items").getJsonObject(0).getString("county"));
    JsonObject beyond = zx.http().get(PINGYAO + "/intermediaries?province=江苏省&offset=5").json();
    assertEquals(0, beyond.getJsonArray("items").size());
    assertEquals(1L, beyond.getLong("total"), "past the end, counted with the select list's bound date");
    assertEquals(1L, zx.http().get(PINGYAO + "/employments?intermediaryId=" + intermediary).json().getLong("total"));
    assertProblem(404, zx.http().get(ZUOQUAN + "/intermediaries/" + intermediary));

    String followUps = PINGYAO + "/employments/" + placed.json().getLong("id") + "/follow-ups";
    TestResponse visit = zx.http().post(followUps, new JsonObject().put("followedOn", "2026-03-01")
        .put("stillEmployed", true).put("note", "电话回访，工作稳定"));
    assertEquals(201, visit.status(), visit::toString);
    assertEquals(1L, zx.http().get(followUps).json().getLong("total"));
    assertEquals("必填 / required", assertInvalidField("stillEmployed", zx.http().post(followUps,
        new JsonObject().put("followedOn", "2026-03-02"))));
    assertProblem(404, zx.http().post(ZUOQUAN + "/employments/" + placed.json().getLong("id") + "/follow-ups",
        new JsonObject().put("followedOn", "2026-03-01").put("stillEmployed", false)));

    // The city sees each intermediary's placements on its dashboard.
    Eventually.poll(Duration.ofSeconds(10), "placements of the Pingyao intermediary in /metrics",
        () -> zx.http().get("/metrics").body(), m -> m.contains("zx_labor_placements_by_intermediary{county=\"140728\","
            + "intermediary=\"平遥县人力资源服务公司\"} 1.0"));
  }

  @Test
  void graduatesArePlaced_andTheUnemployedAreListedForFollowUp() {
    TestResponse employed = zx.http().post(PINGYAO + "/graduates", graduate("毕业生甲", 11, "employed")
        .put("employer", "晋中某医院"));
    assertEquals(201, employed.status(), employed::toString);
    assertTrue(employed.json().getString("idNumberMasked").contains("****"));
    assertEquals("140728", employed.json().getString("county"));
    TestResponse seeking = zx.http().post(PINGYAO + "/graduates", graduate("毕业生乙", 12, "unemployed"));
    assertEquals(201, seeking.status(), seeking::toString);
    assertEquals("idNumber", assertProblem(409, zx.http().post(PINGYAO + "/graduates",
        graduate("毕业生乙", 12, "unemployed"))).getJsonArray("errors").getJsonObject(0).getString("field"));
    assertInvalidField("employer", zx.http().post(PINGYAO + "/graduates", graduate("毕业生丙", 13, "employed")));
    TestResponse bad = zx.http().post(PINGYAO + "/graduates", graduate("毕业生丁", 14, "retired")
        .put("graduationYear", 1990));
    assertInvalidField("placementStatus", bad);
    assertInvalidField("graduationYear", bad);

    JsonArray unemployed = zx.http().get(PINGYAO + "/graduates/unemployed").json().getJsonArray("items");
    assertEquals(List.of("毕业生乙"), unemployed.stream().map(o -> ((JsonObject) o).getString("name")).toList());

    long id = seeking.json().getLong("id");
    TestResponse placed = zx.http().put(PINGYAO + "/graduates/" + id + "/placement", new JsonObject()
        .put("placementStatus", "employed").put("employer", "平遥古城景区").put("helpGiven", "推荐岗位 3 个，面试辅导"));
    assertEquals(200, placed.status(), placed::toString);
    assertEquals(0L, zx.http().get(PINGYAO + "/graduates/unemployed").json().getLong("total"));
    assertProblem(404, zx.http().put(ZUOQUAN + "/graduates/" + id + "/placement", new JsonObject()
        .put("placementStatus", "unemployed")));
  }

  @Test
  void theCityEditsCountyTargets_andSeesThemBesideTheActuals() {
    JsonObject targets = zx.http().get("/api/v1/labor/targets").json();
    assertEquals(98_000, targets.getJsonObject("city").getInteger("employedTarget"));
    assertEquals(14_000, targets.getJsonObject("city").getInteger("outsideTarget"));
    assertEquals(11, targets.getJsonArray("items").size());
    int year = targets.getInteger("year");

    TestResponse set = zx.http().put("/api/v1/labor/targets/" + year + "/140729", new JsonObject()
        .put("employedTarget", 8_000).put("outsideTarget", 1_200));
    assertEquals(200, set.status(), set::toString);
    assertEquals(98_500, zx.http().get("/api/v1/labor/targets").json().getJsonObject("city")
        .getInteger("employedTarget"));
    assertEquals(1L, zx.sql("SELECT count(*) FROM core.audit_log WHERE plugin = 'labor' AND object_type = 'target'"
        + " AND object_id = $1", "140729/" + year).iterator().next().getLong(0));
    assertInvalidField("outsideTarget", zx.http().put("/api/v1/labor/targets/" + year + "/140729",
        new JsonObject().put("employedTarget", 10).put("outsideTarget", 11)));
    assertInvalidField("employedTarget", zx.http().put("/api/v1/labor/targets/" + year + "/140729",
        new JsonObject().put("employedTarget", -1).put("outsideTarget", 0)));
    assertInvalidField("year", zx.http().put("/api/v1/labor/targets/1999/140729", new JsonObject()
        .put("employedTarget", 1).put("outsideTarget", 0)));
    assertProblem(404, zx.http().put("/api/v1/labor/targets/" + year + "/140700", new JsonObject()
        .put("employedTarget", 1).put("outsideTarget", 0)));

    TestHttp clerk = zx.createUser("lingshi-labor", "140729", List.of("county_staff"), List.of("labor"));
    assertProblem(403, clerk.put("/api/v1/labor/targets/" + year + "/140729", new JsonObject()
        .put("employedTarget", 1).put("outsideTarget", 0)));
  }

  @Test
  void metricsShowEachCountysTargetsBesideItsActuals() {
    String lingshi = "/api/v1/labor/counties/140729";
    LocalDate today = LocalDate.now(zx.clock().withZone(ZoneId.of("Asia/Shanghai")));
    long id = zx.http().post(lingshi + "/labourers", labourer("灵石人", IdCards.of("140729", 8))).json().getLong("id");
    zx.http().post(lingshi + "/employments", job(id, "内蒙古某煤矿", "outside", "内蒙古自治区",
        today.minusDays(10).toString(), null));
    zx.http().post(lingshi + "/employments", job(id, "灵石县某物流", "county", null,
        today.minusDays(5).toString(), null));

    String shouyang = "/api/v1/labor/counties/140725";
    long brand = zx.http().get(shouyang + "/brands").json().getJsonArray("items").getJsonObject(0).getLong("id");
    long course = zx.http().post(shouyang + "/courses", new JsonObject().put("name", "美容师培训")
        .put("brandId", brand).put("hours", 90)).json().getLong("id");
    long session = zx.http().post(shouyang + "/training-sessions", new JsonObject().put("courseId", course)
        .put("startsOn", "2026-04-01").put("endsOn", "2026-04-20").put("place", "寿阳县").put("capacity", 30))
        .json().getLong("id");
    long trainee = zx.http().post(shouyang + "/labourers", labourer("寿阳人", IdCards.of("140725", 9))).json()
        .getLong("id");
    assertEquals(201, zx.http().post(shouyang + "/training-sessions/" + session + "/trainees",
        new JsonObject().put("labourerId", trainee)).status());

    String metrics = Eventually.poll(Duration.ofSeconds(10), "the employed gauge of 140729 and brand trainees",
        () -> zx.http().get("/metrics").body(), m -> m.contains("zx_labor_employed{county=\"140729\"} 1.0")
            && m.lines().anyMatch(l -> l.startsWith("zx_labor_brand_trainees{") && l.contains("brand=\"寿阳美容\"")
                && l.contains("county=\"140725\"") && l.endsWith(" 1.0")));
    assertTrue(metrics.contains("zx_labor_outside_employed{county=\"140729\"} 1.0"), "outside employed");
    assertTrue(metrics.matches("(?s).*zx_labor_employed_target\\{county=\"140729\"} [0-9.E]+.*"), "target");
    assertTrue(metrics.contains("zx_labor_outside_employed_target{county=\"140702\"} 800.0"), "outside target");
    assertTrue(metrics.contains("zx_labor_trainees{"), "trainees");
    assertTrue(metrics.contains("zx_labor_graduates_employed_ratio{"), "graduates");
    assertFalse(metrics.contains("zx_labor_employed{county=\"140729\"} 2.0"), "a person counts once");
  }

  private static JsonObject graduate(String name, int seq, String status) {
    return new JsonObject().put("name", name).put("idNumber", IdCards.of("140728", seq)).put("township", "古陶镇")
        .put("village", "城南村").put("school", "山西职业技术学院").put("major", "护理").put("graduationYear", 2025)
        .put("placementStatus", status);
  }
}
