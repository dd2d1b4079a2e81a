package cn.zhenxing.plugins.ecommerce;

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
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: Pingyao's shops owe their monthly reports; the reminder and the late flagging reach the county's inbox; the
 * city reads the quarterly ranking and sees each county's figures, targets beside actuals, at /metrics.
 */
class JobsMetricsTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin("ecommerce", EcommercePlugin::new)
      .config("metrics.refreshSeconds", "1")
      .build();

  static final String PINGYAO = "140728";
  static final String JIEXIU = "140781";
  static final String BASE = "/api/v1/ecommerce/counties/" + PINGYAO;
  static long reporting;
  static long silent;
  static long etownA;
  static long etownB;
  static TestHttp clerk;
  static TestHttp admin;

  /** Moves the platform clock and logs in again (a session does not survive a jump of days). */
  static void at(String instant) {
    zx.clock().set(Instant.parse(instant));
    admin = zx.login(ZhenxingExtension.ADMIN, ZhenxingExtension.ADMIN_PASSWORD);
    if (clerk != null) {
      clerk = zx.login("pingyao-clerk", ZhenxingExtension.passwordOf("pingyao-clerk"));
    }
  }

  @BeforeAll
  static void pingyaoHasTwoEtownsAndTwoShops_andOnlyOneReportedMarch() {
    at("2024-04-01T01:00:00Z"); // 09:00 on 1 April in Jinzhong
    etownA = created(admin.post(BASE + "/etowns", new JsonObject().put("name", "平遥牛肉e镇")
        .put("township", "古陶镇").put("leadingIndustry", "平遥牛肉").put("listedOn", "2023-06-01")));
    etownB = created(admin.post(BASE + "/etowns", new JsonObject().put("name", "平遥漆器e镇")
        .put("township", "段村镇").put("leadingIndustry", "推光漆器").put("listedOn", "2023-06-01")));
    long leaderA = created(admin.post(BASE + "/leaders", new JsonObject().put("name", "冀红")
        .put("idNumber", Ids.valid("14072819880808123")).put("etownId", etownA)));
    long leaderB = created(admin.post(BASE + "/leaders", new JsonObject().put("name", "郝军")
        .put("idNumber", Ids.valid("14072819770707456")).put("etownId", etownB)));
    reporting = created(admin.post(BASE + "/shops", new JsonObject().put("leaderId", leaderA)
        .put("platform", "jd").put("name", "冀红牛肉旗舰店")));
    silent = created(admin.post(BASE + "/shops", new JsonObject().put("leaderId", leaderB)
        .put("platform", "wechat").put("name", "郝记漆器")));
    // Q4 2023 and Q1 2024: A doubles its sales; B falls (or, once its late March report is in, stays flat).
    report(reporting, "2023-12", 1000);
    report(reporting, "2024-01", 1000);
    report(reporting, "2024-02", 500);
    report(reporting, "2024-03", 500);
    report(silent, "2023-11", 6000);
    report(silent, "2024-01", 3000);
    created(admin.post(BASE + "/linked-households", new JsonObject().put("leaderId", leaderB)
        .put("headName", "梁婶").put("idNumber", Ids.valid("14072819600101789")).put("linkType", "employment")
        .put("linkedOn", "2023-09-01").put("incomeGained", "4800.50")));
    created(admin.post(BASE + "/trainings", new JsonObject().put("title", "网店运营").put("heldOn", "2024-03-02")
        .put("hours", 4).put("leaderIds", new JsonArray().add(leaderA))));
    clerk = zx.createUser("pingyao-clerk", PINGYAO, List.of("county_staff"), List.of("ecommerce"));
  }

  static long created(TestResponse r) {
    assertEquals(201, r.status(), r::toString);
    return r.json().getLong("id");
  }

  static void report(long shop, String month, int value) {
    created(admin.post(BASE + "/sales-reports", new JsonObject().put("shopId", shop).put("month", month)
        .put("orders", value / 10).put("salesValue", value).put("productsSold", value / 5)));
  }

  static JsonObject runJob(String job, String county) {
    TestResponse r = admin.post("/api/v1/jobs/ecommerce/" + job + "/runs" + (county == null ? ""
        : "?county=" + county), null);
    assertEquals(200, r.status(), r::toString);
    JsonObject run = r.json().getJsonArray("runs").getJsonObject(0);
    assertEquals("succeeded", run.getString("outcome"), r::toString);
    return run;
  }

  static List<JsonObject> inbox(TestHttp http, String kind) {
    TestResponse r = http.get("/api/v1/inbox?plugin=ecommerce&kind=" + kind);
    assertEquals(200, r.status(), r::toString);
    return r.json().getJsonArray("items").stream().map(JsonObject.class::cast).toList();
  }

  @Test
  void theReminderTellsTheCountyHowManyShopsOweLastMonth_andLateShopsAreFlaggedAfterTheDueDay() {
    // On 1 April, March is owed: the silent shop has not reported it.
    at("2024-04-01T01:00:00Z");
    runJob("report-reminder", PINGYAO);
    List<JsonObject> reminders = inbox(clerk, "sales-report-due");
    assertEquals(1, reminders.size(), reminders::toString);
    assertTrue(reminders.get(0).getString("body").startsWith("1 家店铺尚未报送 2024-03"), reminders::toString);

    // Before the due day nothing is late.
    at("2024-04-10T08:00:00Z");
    runJob("late-reports", PINGYAO);
    assertEquals(0, zx.sql("SELECT count(*) FROM ecommerce.missing_report").iterator().next().getLong(0));

    at("2024-04-11T01:00:00Z");
    runJob("late-reports", PINGYAO);
    runJob("late-reports", PINGYAO); // flags once, warns once
    JsonObject missing = clerk.get(BASE + "/missing-reports?month=2024-03").json();
    assertEquals(1, missing.getLong("total"), missing::encode);
    assertEquals(silent, missing.getJsonArray("items").getJsonObject(0).getLong("shopId"));
    List<JsonObject> warnings = inbox(clerk, "sales-report-late");
    assertEquals(1, warnings.size(), warnings::toString);
    assertEquals("warning", warnings.get(0).getString("level"));

    // The late report is taken, and marked late.
    TestResponse late = admin.post(BASE + "/sales-reports", new JsonObject().put("shopId", silent)
        .put("month", "2024-03").put("orders", 30).put("salesValue", 3000).put("productsSold", 40));
    assertEquals(201, late.status(), late::toString);
    assertTrue(late.json().getBoolean("late"));
    assertTrue(clerk.get(BASE + "/missing-reports?month=2024-03").json().getJsonArray("items").getJsonObject(0)
        .getBoolean("reportedSince"));
  }

  @Test
  void theQuarterlyRankingIsStoredAndReadableByTheCityAndTheCounty() {
    at("2024-04-01T19:00:00Z"); // 03:00 on 2 April in Jinzhong: Q1 has ended
    runJob("etown-ranking", null);
    JsonObject city = admin.get("/api/v1/ecommerce/rankings?quarter=2024Q1").json();
    assertEquals("2024Q1", city.getString("quarter"));
    List<JsonObject> items = city.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(i -> i.getString("county").equals(PINGYAO)).toList();
    assertEquals(etownA, items.get(0).getLong("etownId"), city::encode); // +100 % beats -50 % or ±0 %
    assertEquals(0, new java.math.BigDecimal("1").compareTo(new java.math.BigDecimal(items.get(0)
        .getValue("growth").toString())));
    assertEquals(etownB, items.get(1).getLong("etownId"));
    assertEquals(1, items.get(1).getInteger("linkedHouseholds"));

    JsonObject county = clerk.get(BASE + "/rankings").json();
    assertEquals("2024Q1", county.getString("quarter"));
    assertEquals(2, county.getJsonArray("items").size());
    assertEquals(1, county.getJsonArray("items").getJsonObject(0).getInteger("countyRank"));
    assertInvalidField("quarter", admin.get("/api/v1/ecommerce/rankings?quarter=2024-1"));
    assertProblem(403, clerk.get("/api/v1/ecommerce/rankings"));
  }

  @Test
  void metricsShowEachCountysFigures_targetsBesideActuals() {
    at("2024-04-20T02:00:00Z");
    assertEquals(200, admin.put("/api/v1/ecommerce/training-targets/" + PINGYAO + "/2024",
        new JsonObject().put("leadersTrained", 5)).status());
    assertProblem(404, admin.put("/api/v1/ecommerce/training-targets/140799/2024",
        new JsonObject().put("leadersTrained", 5)));
    assertInvalidField("leadersTrained", admin.put("/api/v1/ecommerce/training-targets/" + JIEXIU + "/2024",
        new JsonObject().put("leadersTrained", -5)));
    JsonObject targets = admin.get("/api/v1/ecommerce/training-targets?year=2024").json();
    JsonObject pingyao = targets.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(i -> i.getString("county").equals(PINGYAO)).findFirst().orElseThrow();
    assertEquals(5, pingyao.getInteger("target"));
    assertEquals(1, pingyao.getInteger("trained"));
    JsonObject trainings = admin.get(BASE + "/trainings?year=2024").json();
    assertEquals(1, trainings.getLong("total"), trainings::encode);
    assertEquals(1, trainings.getJsonArray("items").getJsonObject(0).getLong("attendees"), trainings::encode);

    List<String> expected = List.of("zx_ecommerce_leaders_trained_target{county=\"140728\"} 5.0",
        "zx_ecommerce_leaders_trained{county=\"140728\"} 1.0",
        "zx_ecommerce_etowns{county=\"140728\",status=\"candidate\"} 2.0",
        "zx_ecommerce_linked_households{county=\"140728\"} 1.0",
        "zx_ecommerce_household_income_gained_yuan{county=\"140728\"} 4800.5");
    // The gauges are re-read every second (metrics.refreshSeconds): wait for a refresh after the target was set.
    String metrics = Eventually.poll(Duration.ofSeconds(10), "Pingyao's figures at /metrics",
        () -> zx.anonymous().get("/metrics").body(),
        body -> expected.stream().allMatch(body.lines().toList()::contains));
    List<String> pingyaoLines = metrics.lines().filter(l -> l.startsWith("zx_ecommerce_")
        && l.contains("county=\"140728\"")).collect(Collectors.toList());
    assertTrue(pingyaoLines.stream().anyMatch(l -> l.startsWith("zx_ecommerce_online_sales_last_month_yuan{")),
        pingyaoLines::toString);
    assertTrue(metrics.contains("zx_ecommerce_etowns{county=\"140781\",status=\"accepted\"} 0.0"),
        "every county and status is shown");
    assertFalse(metrics.contains("zx_ecommerce_etowns_"), "one gauge with a status label, not one per status");

    JsonObject monthly = admin.get("/api/v1/ecommerce/sales/monthly?from=2024-01&to=2024-03").json();
    assertTrue(monthly.getJsonArray("items").stream().map(JsonObject.class::cast).anyMatch(i ->
        i.getString("county").equals(PINGYAO) && i.getString("month").equals("2024-01")
            && new java.math.BigDecimal(i.getValue("salesValue").toString()).intValue() == 4000), monthly::encode);
    assertInvalidField("from", admin.get("/api/v1/ecommerce/sales/monthly?from=2024-05&to=2024-03"));
  }
}
