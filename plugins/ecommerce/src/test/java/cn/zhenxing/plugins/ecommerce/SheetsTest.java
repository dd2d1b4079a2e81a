package cn.zhenxing.plugins.ecommerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: Zuoquan's clerk keeps the leaders, the monthly sales and the linked households in spreadsheets: imports
 * them (re-importing updates instead of duplicating), exports them with ID numbers masked, and a file naming an
 * unknown shop, a negative figure or an unfinished month is rejected with each bad row's number and column, in a dry
 * run too, and writes nothing. With demo data on, every county has marked demo rows.
 */
class SheetsTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin("ecommerce", EcommercePlugin::new)
      .config("demoData", "true")
      .build();

  static final String ZUOQUAN = "140722";
  static final String BASE = "/api/v1/ecommerce/counties/" + ZUOQUAN;
  static final String LEADER_ID = Ids.valid("14072219860606123");
  static final String HEAD_ID = Ids.valid("14072219580303456");

  static long etown;

  @BeforeAll
  static void anEtown() {
    zx.clock().set(Instant.parse("2024-05-20T02:00:00Z"));
    TestResponse created = zx.http().post(BASE + "/etowns", new JsonObject().put("name", "麻田e镇")
        .put("township", "麻田镇").put("leadingIndustry", "核桃"));
    assertEquals(201, created.status(), created::toString);
    etown = created.json().getLong("id");
  }

  static JsonObject importCsv(String register, String csv) {
    return importCsv(register, csv, "");
  }

  /** Imports into {@code <register>/imports<query>} ({@code ?dryRun=true} or nothing) and waits for the end. */
  static JsonObject importCsv(String register, String csv, String query) {
    return zx.http().importSheet(BASE + "/sheets/" + register, query, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
  }

  static void assertRowError(JsonObject job, int row, String column, String key, String reasonPart) {
    assertTrue(job.getJsonArray("errors").stream().map(JsonObject.class::cast).anyMatch(e -> e.getInteger("row") == row
        && column.equals(e.getString("column")) && key.equals(e.getString("key"))
        && e.getString("reason").contains(reasonPart)), () -> "row " + row + " " + column + ": " + job.encode());
  }

  static String exportCsv(String register) {
    HttpResponse<byte[]> r = zx.http().download(BASE + "/sheets/" + register + "/export?format=csv");
    assertEquals(200, r.statusCode());
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void leadersSalesAndHouseholdsGoInAndOutAsSpreadsheets() {
    String leaders = "姓名,身份证号,手机号,所属乡村e镇,培育批次,县区\n"
        + "武娟," + LEADER_ID + ",13912345678,麻田e镇,2024年第1期,\n";
    JsonObject first = importCsv("leaders", leaders);
    assertEquals("imported", first.getString("state"), first::encode);
    JsonObject again = importCsv("leaders", leaders.replace("2024年第1期", "2024年第2期"));
    assertEquals("imported", again.getString("state"), again::encode);
    JsonObject list = zx.http().get(BASE + "/leaders?etownId=" + etown).json();
    assertEquals(1, list.getLong("total"), "re-importing updates, it does not duplicate");
    JsonObject leader = list.getJsonArray("items").getJsonObject(0);
    assertEquals("2024年第2期", leader.getString("cohort"));
    assertEquals("麻田e镇", leader.getString("etownName"));
    JsonObject pastEnd = zx.http().get(BASE + "/leaders?etownId=" + etown + "&offset=11").json();
    assertEquals(0, pastEnd.getJsonArray("items").size(), pastEnd::encode);
    assertEquals(1, pastEnd.getLong("total"), "a page past the end still counts the matching leaders");

    String exported = exportCsv("leaders");
    assertTrue(exported.contains("武娟") && exported.contains("139****5678"), exported);
    assertFalse(exported.contains(LEADER_ID) || exported.contains("13912345678"), exported);

    long shop = zx.http().post(BASE + "/shops", new JsonObject().put("leaderId", leader.getLong("id"))
        .put("platform", "taobao").put("name", "太行核桃铺")).json().getLong("id");
    String sales = "店铺平台,店铺名称,月份,订单数,网络销售额（元）,销售件数,县区\n"
        + "淘宝,太行核桃铺,2024-03-01,80,12000.50,150,\n"
        + "淘宝,太行核桃铺,2024年4月1日,90,13000,170,\n";
    assertEquals("imported", importCsv("sales-reports", sales).getString("state"));
    assertEquals("imported", importCsv("sales-reports", sales.replace("13000", "13500")).getString("state"));
    JsonObject april = zx.http().get(BASE + "/sales-reports?shopId=" + shop + "&month=2024-04").json()
        .getJsonArray("items").getJsonObject(0);
    assertEquals(13500, april.getInteger("salesValue"));
    assertEquals(1, april.getInteger("corrections"));
    assertTrue(april.getBoolean("late"), "April's report was due on 10 May");

    cn.zhenxing.testkit.Problems.assertInvalidField("month",
        zx.http().get(BASE + "/sheets/sales-reports/export?format=csv&month=2024-13"));
    HttpResponse<byte[]> march = zx.http().download(BASE + "/sheets/sales-reports/export?format=csv&month=2024-03");
    String marchCsv = new String(march.body(), StandardCharsets.UTF_8);
    assertTrue(marchCsv.contains("太行核桃铺") && !marchCsv.contains("13500"), marchCsv);

    JsonObject unknownShop = importCsv("sales-reports", "店铺平台,店铺名称,月份,订单数,网络销售额（元）,销售件数,县区\n"
        + "抖音,不存在的店,2024-03-01,1,1,1,\n");
    assertEquals("rejected", unknownShop.getString("state"), unknownShop::encode);
    assertRowError(unknownShop, 2, "店铺名称", "shopName", "没有这个店铺");
    JsonObject badCell = importCsv("sales-reports", "店铺平台,店铺名称,月份,订单数,网络销售额（元）,销售件数,县区\n"
        + "脸书,太行核桃铺,2024-02-01,1,1,1,\n");
    assertEquals("rejected", badCell.getString("state"), badCell::encode);
    assertEquals(2, zx.sql("SELECT count(*) FROM ecommerce.sales_report WHERE shop_id = $1", shop)
        .iterator().next().getLong(0), "nothing of the refused files was written");

    String households = "带头人身份证号,户主姓名,户主身份证号,所在村,带动方式,联结日期,增收金额（元）,县区\n"
        + LEADER_ID + ",石大爷," + HEAD_ID + ",麻田村,收购,2024-01-15,2600,\n";
    assertEquals("imported", importCsv("linked-households", households).getString("state"));
    String exportedHouseholds = exportCsv("linked-households");
    assertTrue(exportedHouseholds.contains("石大爷") && exportedHouseholds.contains("收购"), exportedHouseholds);
    assertFalse(exportedHouseholds.contains(HEAD_ID), exportedHouseholds);
    assertEquals(1L, zx.sql("SELECT count(*) FROM core.audit_log WHERE action = 'import'"
        + " AND object_type = 'linked-households'").iterator().next().getLong(0));
  }

  @Test
  void rowsBreakingTheRegistersRulesAreListedWithRowAndColumn_inADryRunToo_andNothingIsWritten() {
    long leader = zx.http().post(BASE + "/leaders", new JsonObject().put("name", "郝红")
        .put("idNumber", Ids.valid("14072219900101222"))).json().getLong("id");
    long shop = zx.http().post(BASE + "/shops", new JsonObject().put("leaderId", leader).put("platform", "jd")
        .put("name", "麻田小米铺")).json().getLong("id");
    String sales = "店铺平台,店铺名称,月份,订单数,网络销售额（元）,销售件数,县区\n"
        + "京东,麻田小米铺,2024-01-01,10,100,10,\n"        // row 2: good
        + "京东,没有的店,2024-01-01,10,100,10,\n"          // row 3: unknown shop
        + "京东,麻田小米铺,2024-02-01,-1,100,10,\n"        // row 4: negative orders
        + "京东,麻田小米铺,2024-05-01,10,100,10,\n"        // row 5: May has not ended (today is 20 May)
        + "京东,麻田小米铺,2024-01-15,10,100,10,\n";       // row 6: January again, written as another day
    for (String query : new String[] {"?dryRun=true", ""}) {
      JsonObject job = importCsv("sales-reports", sales, query);
      assertEquals("rejected", job.getString("state"), job::encode);
      assertEquals(4, job.getInteger("rowsRejected"), job::encode);
      assertRowError(job, 3, "店铺名称", "shopName", "没有这个店铺");
      assertRowError(job, 4, "订单数", "orders", "不能为负");
      assertRowError(job, 5, "月份", "month", "已结束");
      assertRowError(job, 6, "月份", "month", "第 2 行");
    }
    assertEquals(0L, zx.sql("SELECT count(*) FROM ecommerce.sales_report WHERE shop_id = $1", shop)
        .iterator().next().getLong(0), "not even the good row is written");

    JsonObject leaders = importCsv("leaders", "姓名,身份证号,手机号,所属乡村e镇,培育批次,县区\n"
        + "郝红," + Ids.valid("14072219900101222") + ",,没有的e镇,,\n");
    assertEquals("rejected", leaders.getString("state"), leaders::encode);
    assertRowError(leaders, 2, "所属乡村e镇", "etown", "没有这个乡村e镇");
  }

  @Test
  void demoDataIsMarkedAndCoversEveryCounty() {
    var rows = zx.sql("SELECT count(DISTINCT county_code) AS counties, bool_and(demo) AS marked,"
        + " bool_and(name LIKE '【演示】%') AS named FROM ecommerce.etown WHERE demo");
    var row = rows.iterator().next();
    assertEquals(11, row.getLong("counties"));
    assertTrue(row.getBoolean("named"));
    assertTrue(zx.sql("SELECT count(*) FROM ecommerce.etown WHERE demo AND county_code = '140703'"
        + " AND leading_industry = '中药材'").iterator().next().getLong(0) > 0, "Taigu's medicinal-herb e-town");
    assertTrue(zx.sql("SELECT count(*) FROM ecommerce.sales_report WHERE demo").iterator().next().getLong(0) > 100);
    assertTrue(zx.sql("SELECT count(*) FROM ecommerce.linked_household WHERE demo").iterator().next().getLong(0)
        > 100);
    assertEquals(0L, zx.sql("SELECT count(*) FROM ecommerce.leader WHERE demo AND name NOT LIKE '【演示】%'")
        .iterator().next().getLong(0));
  }
}
