package cn.zhenxing.plugins.supply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: with demo data on, every county has clearly marked demo enterprises, agreements, reserves and reports;
 * a county clerk then imports agreements and deliveries from spreadsheets (re-importing updates, a delivery outside
 * the period, for an unknown agreement or with no tonnes is listed with its row and column, in a dry run too, and
 * nothing is written) and exports them with their fulfilment.
 */
class SheetsAndDemoTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().plugin("supply", SupplyPlugin::new)
      .config("demoData", "true").build();

  static final String YUSHE = "/api/v1/supply/counties/140721";

  @Test
  void demoDataIsThereAndClearlyMarked() {
    assertEquals(23, count("SELECT count(*) FROM supply.enterprise WHERE demo AND name LIKE '【演示】%'"));
    assertEquals(0, count("SELECT count(*) FROM supply.enterprise WHERE demo AND name NOT LIKE '【演示】%'"));
    assertEquals(23, count("SELECT count(*) FROM supply.agreement WHERE demo AND agreement_no LIKE '【演示】%'"));
    long tonnes = count("SELECT sum(tonnes)::bigint FROM supply.agreement WHERE demo");
    assertTrue(tonnes > 45000 && tonnes < 80000, "about the 63,000 t of the source: " + tonnes);
    assertEquals(11, count("SELECT count(DISTINCT county_code) FROM supply.agreement WHERE demo"));
    assertEquals(30, count("SELECT count(*) FROM supply.point_report WHERE demo"));
    assertTrue(count("SELECT count(*) FROM supply.reserve_stock WHERE demo AND joint_manufacturer") > 0);
    JsonObject fulfilment = zx.http().get("/api/v1/supply/fulfilment").json();
    assertTrue(fulfilment.getJsonObject("countiesTotal").getDouble("targetProgress") > 0.5, fulfilment::encode);
  }

  @Test
  void agreementsAndDeliveriesComeInAndGoOutBySpreadsheet() {
    String agreements = YUSHE + "/sheets/agreements";
    String csv = "协议编号,供货企业,品种,协议数量（吨）,开始日期,结束日期,已到货（吨）\n"
        + "YS-2023-01,【测试】榆社农资,尿素,1000,2022-11-01,2023-05-31,\n"
        + "YS-2023-02,【测试】榆社农资,钾肥,300,2022-11-01,2023-05-31,\n";
    assertEquals("imported", importFile(agreements, csv).getString("state"));
    assertEquals("imported", importFile(agreements, csv.replace(",300,", ",350,")).getString("state"));
    TestResponse listed = zx.http().get(YUSHE + "/agreements?product=potash");
    JsonObject potash = listed.json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(a -> a.getString("agreementNo").equals("YS-2023-02")).findFirst().orElseThrow();
    assertEquals(350, potash.getInteger("tonnes"), "re-importing updates");

    String deliveries = YUSHE + "/sheets/deliveries";
    String header = "协议编号,交货单号,交货日期,数量（吨）,备注,超量\n";
    assertEquals("imported", importFile(deliveries, header + "YS-2023-01,D1,2023-01-10,600,,\n"
        + "YS-2023-01,D2,2023-02-10,500,,\n").getString("state"));
    assertEquals(1100, zx.http().get(YUSHE + "/agreements/" + id("YS-2023-01")).json().getInteger("delivered"));
    assertEquals(1, count("SELECT count(*) FROM supply.delivery WHERE reference = 'D2' AND exceeds_agreement"));

    String bad = header + "YS-2023-02,D8,2023-03-10,10,,\n" + "YS-2023-02,D9,2023-08-10,10,,\n"
        + "YS-9999,D10,2023-03-10,10,,\n" + "YS-2023-02,D11,2023-03-10,0,,\n";
    for (String dryRun : new String[] {"?dryRun=true", ""}) {
      JsonObject job = importFile(deliveries, bad, dryRun);
      assertEquals("rejected", job.getString("state"), job::encode);
      assertEquals(3, job.getInteger("rowsRejected"), job::encode);
      JsonArray errors = job.getJsonArray("errors");
      assertEquals(3, errors.size(), job::encode);
      assertError(errors, 3, "交货日期", "deliveredOn", "2022-11-01 至 2023-05-31");
      assertError(errors, 4, "协议编号", "agreementNo", "不存在");
      assertError(errors, 5, "数量（吨）", "tonnes", "大于 0");
    }
    assertEquals(0, count("SELECT count(*) FROM supply.delivery WHERE reference IN ('D8', 'D9', 'D10', 'D11')"),
        "nothing written, not even the good row");
    JsonObject shrunk = importFile(agreements, csv.replace("YS-2023-01,【测试】榆社农资,尿素,1000,2022-11-01",
        "YS-2023-01,【测试】榆社农资,尿素,1000,2023-03-01"));
    assertEquals("rejected", shrunk.getString("state"), shrunk::encode);
    assertError(shrunk.getJsonArray("errors"), 2, "开始日期", "startsOn", "新期限之外");

    HttpResponse<byte[]> export = zx.http().download(agreements + "/export?format=csv");
    assertEquals(200, export.statusCode());
    String text = new String(export.body(), StandardCharsets.UTF_8);
    assertTrue(text.contains("YS-2023-01,【测试】榆社农资,尿素,1000"), text);
    assertTrue(text.contains(",1100"), text);
    assertTrue(!text.contains("140702-"), "only this county's rows");
  }

  static void assertError(JsonArray errors, int row, String column, String key, String reasonPart) {
    assertTrue(errors.stream().map(JsonObject.class::cast).anyMatch(e -> e.getInteger("row") == row
        && column.equals(e.getString("column")) && key.equals(e.getString("key"))
        && e.getString("reason").contains(reasonPart)), () -> "row " + row + " " + column + ": " + errors.encode());
  }

  static long id(String agreementNo) {
    return zx.sql("SELECT id FROM supply.agreement WHERE agreement_no = $1", agreementNo).iterator().next()
        .getLong("id");
  }

  static long count(String sql) {
    return zx.sql(sql).iterator().next().getLong(0);
  }

  static JsonObject importFile(String sheet, String csv) {
    return importFile(sheet, csv, "");
  }

  static JsonObject importFile(String sheet, String csv, String query) {
    return zx.http().importSheet(sheet, query, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
  }
}
