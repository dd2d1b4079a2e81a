package cn.zhenxing.plugins.supply;

import static cn.zhenxing.testkit.Problems.assertInvalidField;
import static cn.zhenxing.testkit.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: the ten seeded monitoring points report their monthly prices; a price jumping over the previous report or
 * standing out above the city median raises an alert row and a notification to the county (and so the city); a
 * point that has not reported by the 15th is flagged by the daily job; reports also come in by spreadsheet.
 */
class MonitoringTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().plugin("supply", SupplyPlugin::new).build();

  static String base(String county) {
    return "/api/v1/supply/counties/" + county;
  }

  static long point(String county) {
    TestResponse r = zx.http().get(base(county) + "/points");
    assertEquals(200, r.status(), r::toString);
    return r.json().getJsonArray("items").getJsonObject(0).getLong("id");
  }

  static JsonObject line(String product, int price) {
    return new JsonObject().put("product", product).put("retailPrice", price).put("cumulativeSales", 120)
        .put("stock", 40).put("purchases", 60);
  }

  static TestResponse report(String county, String period, JsonObject... lines) {
    return zx.http().post(base(county) + "/points/" + point(county) + "/reports",
        new JsonObject().put("period", period).put("lines", new JsonArray(List.of((Object[]) lines))));
  }

  static void at(String instant) {
    zx.clock().set(Instant.parse(instant));
  }

  @Test
  void tenPointsAreSeededOnePerCountyAndCountiesMayRenameThem() {
    TestResponse all = zx.http().get("/api/v1/supply/points?limit=100");
    assertEquals(10, all.json().getLong("total"), all::toString);
    assertEquals(10, all.json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .map(p -> p.getString("county")).distinct().count());
    long id = point("140729");
    TestResponse renamed = zx.http().put(base("140729") + "/points/" + id, new JsonObject()
        .put("name", "灵石县城区农资监测点").put("township", "翠峰镇"));
    assertEquals(200, renamed.status(), renamed::toString);
    assertTrue(renamed.json().getBoolean("seeded"));
    assertProblem(404, zx.http().put(base("140702") + "/points/" + id, new JsonObject().put("name", "x")));
  }

  @Test
  void aPriceRiseAndAPriceAboveTheCityMedianRaiseAlertsAndNotifyTheCounty() {
    at("2023-04-10T02:00:00Z");
    assertEquals(201, report("140703", "2023-04", line("urea", 2600)).status());
    at("2023-05-10T02:00:00Z");
    assertEquals(201, report("140702", "2023-05", line("urea", 2500)).status());
    assertEquals(201, report("140721", "2023-05", line("urea", 2550)).status());
    assertEquals(201, report("140723", "2023-05", line("urea", 2600), line("potash", 3800)).status());

    TestResponse taigu = report("140703", "2023-05", line("urea", 3000), line("compound", 3200));
    assertEquals(201, taigu.status(), taigu::toString);
    assertFalse(taigu.json().getBoolean("late"));
    Set<String> kinds = taigu.json().getJsonArray("anomalies").stream().map(JsonObject.class::cast)
        .map(a -> a.getString("kind")).collect(Collectors.toSet());
    assertEquals(Set.of("price-rise", "price-above-median"), kinds, taigu::toString);

    JsonObject alerts = zx.http().get(base("140703") + "/alerts?kind=price-above-median").json();
    assertEquals(1, alerts.getLong("total"));
    JsonObject alert = alerts.getJsonArray("items").getJsonObject(0);
    assertEquals(2550, alert.getInteger("reference"), "the median of the other points");
    assertEquals("urea", alert.getString("product"));
    assertEquals(0, zx.http().get(base("140702") + "/alerts?kind=price-above-median").json().getLong("total"));

    assertEquals(2, zx.sql("SELECT count(*) FROM core.notification WHERE plugin = 'supply' AND county = '140703'"
        + " AND kind LIKE 'price-%'").iterator().next().getLong(0));
    TestHttp clerk = zx.createUser("taigu-prices", "140703", List.of("county_staff"), List.of("supply"));
    JsonArray inbox = clerk.get("/api/v1/inbox?plugin=supply").json().getJsonArray("items");
    assertTrue(inbox.stream().map(JsonObject.class::cast).anyMatch(n -> n.getString("kind").equals("price-rise")),
        inbox::encode);

    JsonObject prices = zx.http().get("/api/v1/supply/prices?period=2023-05").json();
    JsonObject urea = prices.getJsonArray("products").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("product").equals("urea")).findFirst().orElseThrow();
    assertEquals(2575, urea.getInteger("median"));
    assertEquals(4, urea.getInteger("points"));
  }

  @Test
  void badReportsAreRefusedNamingTheField() {
    at("2023-06-10T02:00:00Z");
    TestResponse bad = zx.http().post(base("140725") + "/points/" + point("140725") + "/reports", new JsonObject()
        .put("period", "2023/06").put("lines", new JsonArray().add(line("urea", -3)).add(line("urea", 10))
            .add(line("gold", 10))));
    assertInvalidField("period", bad);
    assertInvalidField("lines[0].retailPrice", bad);
    assertInvalidField("lines[1].product", bad);
    assertInvalidField("lines[2].product", bad);
    assertInvalidField("lines", zx.http().post(base("140725") + "/points/" + point("140725") + "/reports",
        new JsonObject().put("period", "2023-06").put("lines", new JsonArray())));
    assertProblem(404, zx.http().post(base("140702") + "/points/" + point("140725") + "/reports",
        new JsonObject().put("period", "2023-06").put("lines", new JsonArray().add(line("urea", 2600)))));
    assertEquals(201, report("140725", "2023-06", line("urea", 2600)).status());
    assertEquals("period", assertProblem(409, report("140725", "2023-06", line("urea", 2600)))
        .getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void aReportAfterTheDueDayIsLate_andTheDailyJobFlagsPointsThatHaveNotReported() {
    at("2023-09-20T02:00:00Z");
    TestResponse late = report("140729", "2023-09", line("seed", 9000));
    assertEquals(201, late.status(), late::toString);
    assertTrue(late.json().getBoolean("late"));

    at("2023-07-16T01:00:00Z");
    TestResponse run = zx.http().post("/api/v1/jobs/supply/late-reports/runs?county=140724", null);
    assertEquals(200, run.status(), run::toString);
    assertEquals("succeeded", run.json().getJsonArray("runs").getJsonObject(0).getString("outcome"), run::toString);
    zx.http().post("/api/v1/jobs/supply/late-reports/runs?county=140724", null);
    JsonObject flagged = zx.http().get(base("140724") + "/alerts?kind=report-late").json();
    assertEquals(1, flagged.getLong("total"), "flagged once however often the job runs");
    assertEquals("2023-07-01", flagged.getJsonArray("items").getJsonObject(0).getString("period"));

    at("2023-08-12T01:00:00Z");
    assertEquals(200, zx.http().post("/api/v1/jobs/supply/report-reminder/runs?county=140724", null).status());
    assertEquals(1, zx.sql("SELECT count(*) FROM core.notification WHERE plugin = 'supply' AND county = '140724'"
        + " AND kind = 'report-reminder'").iterator().next().getLong(0));
    at("2023-08-13T01:00:00Z");
    assertEquals(200, zx.http().post("/api/v1/jobs/supply/report-reminder/runs?county=140724", null).status());
    assertEquals(1, zx.sql("SELECT count(*) FROM core.notification WHERE plugin = 'supply' AND county = '140724'"
        + " AND kind = 'report-reminder'").iterator().next().getLong(0), "a reminder only on the reminder day");
  }

  @Test
  void reportsComeInBySpreadsheetAndGoOutAgain() {
    at("2023-10-05T02:00:00Z");
    String sheet = base("140728") + "/sheets/point-reports";
    String csv = "监测点,月份,品种,零售价（元/吨）,累计销售（吨）,库存（吨）,购进（吨）\n"
        + "平遥县农资监测点,2023-10,尿素,2610,300,80,100\n"
        + "平遥县农资监测点,2023-10,复合肥,3150.5,200,60,90\n";
    JsonObject job = zx.http().importSheet(sheet, "", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    assertEquals("imported", job.getString("state"), job::encode);
    JsonObject reports = zx.http().get(base("140728") + "/reports?period=2023-10").json();
    assertEquals(1, reports.getLong("total"));
    assertEquals(2, reports.getJsonArray("items").getJsonObject(0).getJsonArray("lines").size());

    String bad = "监测点,月份,品种,零售价（元/吨）,累计销售（吨）,库存（吨）,购进（吨）\n"
        + "不存在的监测点,2023-10,尿素,2610,300,80,100\n"
        + "平遥县农资监测点,2023/9,尿素,2610,300,80,100\n"
        + "平遥县农资监测点,2023-09,钾肥,0,300,-1,100\n";
    JsonObject rejected = zx.http().importSheet(sheet, "", "text/csv", bad.getBytes(StandardCharsets.UTF_8));
    assertEquals("rejected", rejected.getString("state"), rejected::encode);
    assertEquals(Set.of("2 监测点", "3 月份", "4 零售价（元/吨）", "4 库存（吨）"), rejected.getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getInteger("row") + " " + ((JsonObject) e).getString("column"))
        .collect(Collectors.toSet()), rejected::encode);
    assertEquals(0L, zx.sql("SELECT count(*) FROM supply.point_report WHERE county_code = '140728'"
        + " AND period = '2023-09-01'").iterator().next().getLong(0), "nothing written");

    HttpResponse<byte[]> export = zx.http().download(sheet + "/export?format=csv");
    assertEquals(200, export.statusCode());
    String text = new String(export.body(), StandardCharsets.UTF_8);
    assertTrue(text.contains("平遥县农资监测点,2023-10,复合肥,3150.5"), text);
  }

}
