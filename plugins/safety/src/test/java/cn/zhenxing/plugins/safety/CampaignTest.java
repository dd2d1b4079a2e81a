package cn.zhenxing.plugins.safety;

import static cn.zhenxing.testkit.Problems.assertInvalidField;
import static cn.zhenxing.testkit.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: the city's 2023 Work Safety Month is there from the first start with its 8 activities; the city plans a new
 * year's campaign; a county sets its targets and reports progress, which the city sees per county.
 */
class CampaignTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().plugin("safety", SafetyPlugin::new).build();

  static final String YUCI = "140702";

  @BeforeAll
  static void enable() {
    Support.enable(zx, YUCI);
  }

  @Test
  void the2023CampaignIsSeededWithItsEightActivities() {
    JsonObject list = Support.ok(zx.http().get("/api/v1/safety/campaigns"));
    JsonObject c2023 = list.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(c -> c.getInteger("year") == 2023).findFirst().orElseThrow(() -> new AssertionError(list.encode()));
    assertEquals(22, c2023.getInteger("edition"));
    assertEquals(6, c2023.getInteger("month"));
    assertEquals("人人讲安全、个个会应急", c2023.getString("theme"));

    JsonArray activities = Support.ok(zx.http().get("/api/v1/safety/campaigns/" + c2023.getLong("id")))
        .getJsonArray("activities");
    assertEquals(8, activities.size());
    List<String> names = activities.stream().map(a -> ((JsonObject) a).getString("name")).toList();
    assertEquals(List.of("集中学习教育", "企业主要负责人“五带头”宣传活动", "“动火作业风险我知道”宣传活动", "“外包外租大排查”活动",
        "应急科普“五个一”活动", "安全生产、防灾减灾知识网络竞赛答题活动", "安全生产事故警示教育", "“安全宣传咨询日”现场宣传活动"), names);
    assertEquals("2023-06-01", activities.getJsonObject(0).getString("startsOn"));
    assertEquals("2023-06-30", activities.getJsonObject(7).getString("endsOn"));
  }

  @Test
  void aCountyReportsProgress_andTheCitySeesItPerCounty() {
    // The latest campaign: the one the metrics and the progress summary follow.
    long id = zx.sql("SELECT id FROM safety.campaign ORDER BY year DESC LIMIT 1").iterator().next().getLong(0);
    JsonObject view = Support.ok(zx.http().get("/api/v1/safety/counties/" + YUCI + "/campaigns/" + id));
    long study = view.getJsonArray("activities").getJsonObject(0).getLong("id");
    assertEquals(0, view.getJsonArray("activities").getJsonObject(0).getJsonObject("progress").getInteger("doneCount"));

    String progress = "/api/v1/safety/counties/" + YUCI + "/campaigns/" + id + "/activities/" + study + "/progress";
    JsonObject after = Support.ok(zx.http().put(progress, new JsonObject().put("targetCount", 3).put("doneCount", 2)));
    JsonObject p = after.getJsonArray("activities").getJsonObject(0).getJsonObject("progress");
    assertEquals(3, p.getInteger("targetCount"));
    assertEquals(2, p.getInteger("doneCount"));
    assertEquals(1L, zx.sql("SELECT count(*) FROM core.audit_log WHERE plugin = 'safety' AND action = 'progress'"
        + " AND county = $1", YUCI).iterator().next().getLong(0));

    JsonObject city = Support.ok(zx.http().get("/api/v1/safety/campaigns/" + id));
    JsonObject yuci = city.getJsonArray("counties").getJsonObject(0);
    assertEquals(YUCI, yuci.getString("county"));
    assertEquals(3, yuci.getInteger("targetCount"));
    assertEquals(2, yuci.getInteger("doneCount"));

    TestResponse run = zx.http().post("/api/v1/jobs/safety/campaign-progress/runs", null);
    assertEquals("succeeded", Support.ok(run).getJsonArray("runs").getJsonObject(0).getString("outcome"),
        run::toString);
    io.vertx.sqlclient.Row snapshot = zx.sql("SELECT target_count, done_count, activities FROM"
        + " safety.campaign_progress_snapshot WHERE campaign_id = $1 AND county_code = $2", id, YUCI).iterator().next();
    assertEquals(3, snapshot.getInteger("target_count"));
    assertEquals(2, snapshot.getInteger("done_count"));
    assertEquals(view.getJsonArray("activities").size(), snapshot.getInteger("activities"));
    JsonObject history = Support.ok(zx.http().get("/api/v1/safety/campaigns/" + id + "/progress-snapshots?county="
        + YUCI));
    assertEquals(2, history.getJsonArray("items").getJsonObject(0).getInteger("doneCount"));

    assertInvalidField("doneCount", zx.http().put(progress, new JsonObject().put("targetCount", 1)));
    assertProblem(404, zx.http().put("/api/v1/safety/counties/" + YUCI + "/campaigns/" + id + "/activities/999999"
        + "/progress", new JsonObject().put("doneCount", 1)));
  }

  @Test
  void everyRouteIsInThePlatformsApiDocument() {
    JsonObject paths = Support.ok(zx.http().get("/api/v1/openapi.json")).getJsonObject("paths");
    for (String path : List.of("/api/v1/safety/campaigns", "/api/v1/safety/counties/{county}/hazards/{id}/status",
        "/api/v1/safety/major-hazards", "/api/v1/safety/counties/{county}/quizzes/{id}/submissions",
        "/api/v1/safety/counties/{county}/sheets/hazards/imports")) {
      assertTrue(paths.containsKey(path), path);
    }
  }

  @Test
  void theCityPlansANewCampaign_badInputNamesTheField_andAYearIsPlannedOnce() {
    JsonObject body = new JsonObject().put("year", 2024).put("edition", 23).put("month", 6)
        .put("theme", "人人讲安全、个个会应急——畅通生命通道")
        .put("activities", new JsonArray().add(new JsonObject().put("name", "集中学习教育").put("owner", "市安委会")
            .put("startsOn", "2024-06-01").put("endsOn", "2024-06-30").put("targetCount", 2)));
    TestResponse created = zx.http().post("/api/v1/safety/campaigns", body);
    assertEquals(201, created.status(), created::toString);
    assertEquals(1, created.json().getJsonArray("activities").size());
    assertEquals("year", assertProblem(409, zx.http().post("/api/v1/safety/campaigns", body))
        .getJsonArray("errors").getJsonObject(0).getString("field"));

    JsonObject bad = body.copy().put("year", 2025).put("edition", 24).put("month", 13);
    bad.getJsonArray("activities").getJsonObject(0).put("endsOn", "2024-05-01").remove("owner");
    TestResponse refused = zx.http().post("/api/v1/safety/campaigns", bad);
    assertInvalidField("month", refused);
    assertInvalidField("activities[0].endsOn", refused);
    assertInvalidField("activities[0].owner", refused);
  }

}
