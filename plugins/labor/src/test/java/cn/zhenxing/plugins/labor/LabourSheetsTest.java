package cn.zhenxing.plugins.labor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: a county clerk fills the labourers and employment spreadsheets, imports them (all or nothing; importing
 * again updates), and exports the registers with ID numbers masked.
 */
class LabourSheetsTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().plugin("labor", LaborPlugin::new).build();

  private static final String SHEETS = "/api/v1/labor/counties/140724/sheets";
  private static final String LABOURERS_HEADER = "姓名,身份证号,乡镇,行政村,技能,劳务品牌,县区\n";
  private static final String JOBS_HEADER = "身份证号,就业单位,务工地点,省份,行业,开始日期,结束日期,月收入（元）,就业途径,中介组织,县区\n";

  @Test
  void labourersAndTheirJobsAreImportedUpdatedAndExportedMasked() {
    String a = IdCards.of("140724", 1);
    String b = IdCards.of("140724", 2);
    assertEquals(200, zx.http().download(SHEETS + "/labourers/template").statusCode());

    JsonObject first = importCsv("labourers", LABOURERS_HEADER
        + "武玉兰," + a + ",乐平镇,孔氏村,仿真花组装、质检,昔阳仿真花,\n"
        + "田卫东," + b + ",大寨镇,大寨村,,,昔阳县\n");
    assertEquals("imported", first.getString("state"), first::encode);
    assertEquals(2L, first.getLong("rowsMerged"));
    JsonObject again = importCsv("labourers", LABOURERS_HEADER
        + "武玉兰," + a + ",乐平镇,东村,仿真花组装,昔阳仿真花,\n");
    assertEquals("imported", again.getString("state"), again::encode);
    assertEquals(2L, count("SELECT count(*) FROM labor.labourer WHERE county_code = '140724'"), "updated, not added");
    assertEquals("东村", zx.sql("SELECT village FROM labor.labourer WHERE name = '武玉兰'").iterator().next()
        .getString(0));

    JsonObject badId = importCsv("labourers", LABOURERS_HEADER + "某人,140724198503011234,乐平镇,东村,,,\n");
    assertEquals("rejected", badId.getString("state"), badId::encode);
    assertEquals("身份证号", badId.getJsonArray("errors").getJsonObject(0).getString("column"));
    JsonObject unknownBrand = importCsv("labourers", LABOURERS_HEADER
        + "某人," + IdCards.of("140724", 3) + ",乐平镇,东村,,榆社古建维修,\n");
    assertEquals("rejected", unknownBrand.getString("state"), unknownBrand::encode);
    JsonObject brandError = unknownBrand.getJsonArray("errors").getJsonObject(0);
    assertEquals("劳务品牌", brandError.getString("column"), brandError::encode);
    assertEquals(2, brandError.getInteger("row"), brandError::encode);
    assertEquals(2L, count("SELECT count(*) FROM labor.labourer WHERE county_code = '140724'"), "nothing written");

    JsonObject jobs = importCsv("employments", JOBS_HEADER
        + a + ",昔阳县仿真花车间,县内,,制造业,2026-01-01,,2400,劳务品牌,,\n"
        + b + ",天津某物流公司,省外,天津市,交通运输业,2026-02-01,,5200.50,自主就业,,\n");
    assertEquals("imported", jobs.getString("state"), jobs::encode);
    assertEquals(2L, jobs.getLong("rowsMerged"));
    JsonObject summary = zx.http().get("/api/v1/labor/counties/140724/employment-summary?asOf=2026-03-01").json();
    assertEquals(2L, summary.getLong("employed"));
    assertEquals(1L, summary.getLong("outside"));
    JsonObject noProvince = importCsv("employments", JOBS_HEADER
        + a + ",北京某公司,省外,,建筑业,2026-03-01,,3000,自主就业,,\n");
    assertEquals("rejected", noProvince.getString("state"), noProvince::encode);
    assertEquals("省份", noProvince.getJsonArray("errors").getJsonObject(0).getString("column"));
    JsonObject stranger = importCsv("employments", JOBS_HEADER
        + IdCards.of("140724", 4) + ",某公司,县内,,建筑业,2026-03-01,,3000,中介组织,,\n");
    assertEquals("rejected", stranger.getString("state"), stranger::encode);
    assertEquals(List.of("中介组织", "身份证号"), stranger.getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("column")).sorted().toList(), stranger::encode);
    assertEquals(2L, count("SELECT count(*) FROM labor.employment WHERE county_code = '140724'"));

    String exported = csv(SHEETS + "/labourers/export?format=csv");
    assertTrue(exported.contains("武玉兰") && exported.contains("140724********" + a.substring(14)), exported);
    assertFalse(exported.contains(a), "ID numbers masked on export");
    String exportedJobs = csv(SHEETS + "/employments/export?format=csv&activeOn=2026-02-15");
    assertTrue(exportedJobs.contains("天津某物流公司") && exportedJobs.contains("省外"), exportedJobs);
    assertEquals(1L, count("SELECT count(*) FROM core.audit_log WHERE plugin = 'labor' AND action = 'export'"
        + " AND object_type = 'employments'"));
    // Another county's export holds none of these rows.
    assertFalse(csv("/api/v1/labor/counties/140702/sheets/labourers/export?format=csv").contains("武玉兰"));
  }

  private static JsonObject importCsv(String register, String csv) {
    return zx.http().importSheet(SHEETS + "/" + register, "", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
  }

  private static String csv(String path) {
    HttpResponse<byte[]> r = zx.http().download(path);
    assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static long count(String sql) {
    return zx.sql(sql).iterator().next().getLong(0);
  }
}
