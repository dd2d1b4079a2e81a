package cn.zhenxing.plugins.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: a county clerk imports the enterprise register and the hazard ledger from spreadsheets and exports them
 * again; a file with a bad credit code or a major hazard without a plan writes nothing. The server runs with demo
 * data, which is there for all 11 counties and clearly marked.
 */
class SheetsAndDemoTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().plugin("safety", SafetyPlugin::new)
      .config("demoData", "true").build();

  static final String YUSHE = "140721";
  static final String SHEETS = "/api/v1/safety/counties/" + YUSHE + "/sheets/";
  static final String ENTERPRISES = "企业名称,统一社会信用代码,行业,风险等级,重点企业,乡镇（街道）,县区\n";
  static final String HAZARDS = "隐患编号,企业统一社会信用代码,发现日期,发现途径,隐患描述,隐患等级,整改责任人,整改方案,整改期限,"
      + "整改状态,整改证据,县区\n";

  @BeforeAll
  static void enable() {
    Support.enable(zx, YUSHE);
  }

  @Test
  void enterprisesAndHazardsRoundTripThroughSpreadsheets() {
    String a = Fixtures.creditCode(YUSHE, 1);
    String b = Fixtures.creditCode(YUSHE, 2);
    assertEquals("imported", importCsv("enterprises", ENTERPRISES
        + "榆社县古建维修公司," + a + ",建筑施工,较大风险,是,箕城镇,\n"
        + "榆社县粮油加工厂," + b.toLowerCase() + ",食品加工,低风险,否,,榆社县\n").getString("state"));
    assertEquals("high", zx.sql("SELECT risk_level FROM safety.enterprise WHERE credit_code = $1", a)
        .iterator().next().getString(0));

    // Re-importing updates instead of duplicating.
    importCsv("enterprises", ENTERPRISES + "榆社县古建维修有限公司," + a + ",建筑施工,重大风险,是,箕城镇,\n");
    Row updated = zx.sql("SELECT name, risk_level, count(*) OVER () AS n FROM safety.enterprise"
        + " WHERE county_code = $1 AND NOT demo", YUSHE).iterator().next();
    assertEquals(2, updated.getLong("n"));

    String wrong = a.substring(0, 17) + (a.charAt(17) == '0' ? '1' : '0');
    JsonObject refused = importCsv("enterprises", ENTERPRISES + "校验码错误企业," + wrong + ",商贸,低风险,否,,\n");
    assertRejected(refused, 2, "统一社会信用代码", "校验码");
    assertEquals(0L, Support.count(zx, "SELECT count(*) FROM safety.enterprise WHERE name = '校验码错误企业'"));

    assertEquals("imported", importCsv("hazards", HAZARDS
        + "YS-2023-001," + a + ",2023-06-05,部门检查,脚手架未设置防护网,一般隐患,张工,,2023-06-20,已整改,已加装防护网,\n"
        + "YS-2023-002," + a + ",2023年6月6日,媒体曝光,动火作业无审批,重大隐患,李经理,停工整改,2023-07-06,整改中,,\n")
        .getString("state"));
    JsonObject list = Support.ok(zx.http().get("/api/v1/safety/counties/" + YUSHE + "/hazards?level=major"));
    JsonObject major = list.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(h -> h.getString("code").equals("YS-2023-002")).findFirst().orElseThrow();
    assertEquals("rectifying", major.getString("status"));
    assertEquals("media", major.getString("foundBy"));

    JsonObject noPlan = importCsv("hazards", HAZARDS
        + "YS-2023-003," + a + ",2023-06-07,群众举报,有限空间作业无监护,重大隐患,王班长,,2023-07-07,,,\n");
    assertRejected(noPlan, 2, "整改方案", "整改方案");
    JsonObject unknown = importCsv("hazards", HAZARDS
        + "YS-2023-004," + Fixtures.creditCode(YUSHE, 99) + ",2023-06-07,企业自查,配电箱无防护,一般隐患,王班长,,2023-07-07,,,\n");
    assertRejected(unknown, 2, "企业统一社会信用代码", "本县区没有该企业");
    assertEquals(0L, Support.count(zx, "SELECT count(*) FROM safety.hazard WHERE code = 'YS-2023-003'"));

    JsonObject rules = importCsv("hazards", HAZARDS
        + "YS-2023-005," + a + ",2023-06-07,企业自查,消防通道堵塞,一般隐患,王班长,,2023-06-01,,,\n"
        + "YS-2023-006," + a + ",2023-06-07,企业自查,灭火器过期,一般隐患,王班长,,2023-07-07,已整改,,\n"
        + "YS-2023-007," + a + ",2023-06-07,企业自查,安全出口锁闭,一般隐患,王班长,,2023-07-07,已验收销号,已开锁,\n");
    assertRowRejected(rules, 2, "整改期限", "不能早于发现日期");
    assertRowRejected(rules, 3, "整改证据", "整改证据");
    assertRowRejected(rules, 4, "整改状态", "验收销号");
    String elsewhere = zx.sql("SELECT credit_code FROM safety.enterprise WHERE county_code <> $1 ORDER BY id LIMIT 1",
        YUSHE).iterator().next().getString(0);
    assertRejected(importCsv("enterprises", ENTERPRISES + "外县企业," + elsewhere + ",商贸,低风险,否,,\n"), 2,
        "统一社会信用代码", "其他县区");

    HttpResponse<byte[]> csv = zx.http().download(SHEETS + "hazards/export?format=csv&level=general");
    assertEquals(200, csv.statusCode());
    String text = new String(csv.body(), StandardCharsets.UTF_8);
    assertTrue(text.contains("YS-2023-001") && !text.contains("YS-2023-002"), text);
    assertTrue(text.contains("已整改") && text.contains("部门检查"), text);
    HttpResponse<byte[]> enterprises = zx.http().download(SHEETS + "enterprises/export?format=csv&riskLevel=major");
    String names = new String(enterprises.body(), StandardCharsets.UTF_8);
    assertTrue(names.contains("榆社县古建维修有限公司") && names.contains("重大风险"), names);
    assertEquals(422, zx.http().get(SHEETS + "enterprises/export?riskLevel=red").status());
  }

  @Test
  void demoDataCoversEveryCountyAndIsClearlyMarked() {
    List<Row> perCounty = zx.sql("SELECT county_code, count(*) AS n, bool_and(name LIKE '【演示】%') AS marked"
        + " FROM safety.enterprise WHERE demo GROUP BY county_code ORDER BY county_code").stream().toList();
    assertEquals(11, perCounty.size());
    perCounty.forEach(r -> {
      assertEquals(40L, r.getLong("n"));
      assertTrue(r.getBoolean("marked"));
    });
    assertTrue(Support.count(zx, "SELECT count(*) FROM safety.hazard WHERE demo AND level = 'major'") > 0);
    assertTrue(Support.count(zx, "SELECT count(*) FROM safety.hazard WHERE demo AND status = 'verified'") > 0);
    assertTrue(Support.count(zx, "SELECT count(*) FROM safety.hazard WHERE demo AND overdue") > 0);
    assertEquals(0L, Support.count(zx, "SELECT count(*) FROM safety.hazard WHERE demo"
        + " AND description NOT LIKE '【演示】%'"));
    assertTrue(Support.count(zx, "SELECT count(*) FROM safety.outsourcing_inspection WHERE outcome = 'banned'") > 0);
    assertEquals(11L * 8, Support.count(zx, "SELECT count(*) FROM safety.activity_progress"));
  }

  /** The import ended rejected, naming the row, the column's Chinese header and the reason. */
  private static void assertRejected(JsonObject job, int row, String header, String reason) {
    assertEquals("rejected", job.getString("state"), job::encode);
    JsonObject error = job.getJsonArray("errors").getJsonObject(0);
    assertEquals(row, error.getInteger("row"), job::encode);
    assertEquals(header, error.getString("column"), job::encode);
    assertTrue(error.getString("reason").contains(reason), job::encode);
  }

  /** The import ended rejected with, among its errors, this row, column header and reason. */
  private static void assertRowRejected(JsonObject job, int row, String header, String reason) {
    assertEquals("rejected", job.getString("state"), job::encode);
    assertTrue(job.getJsonArray("errors").stream().map(JsonObject.class::cast)
        .anyMatch(e -> e.getInteger("row") == row && header.equals(e.getString("column"))
            && e.getString("reason").contains(reason)), job::encode);
  }

  private static JsonObject importCsv(String register, String csv) {
    return zx.http().importSheet(SHEETS + register, "", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
  }
}
