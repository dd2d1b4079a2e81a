package cn.zhenxing.testkit.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: a county clerk downloads the households template, fills it in Excel (or saves a CSV from Chinese Excel),
 * imports it; bad files are refused whole with every bad row listed and downloadable; re-imports update instead of
 * duplicating; a dry run and a cancelled import write nothing.
 */
class SheetImportEndToEndTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin(HouseholdsPlugin.ID, HouseholdsPlugin::new)
      .build();

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  private static final String COUNTY = "140721";
  private static final String BASE = "/api/v1/households/counties/" + COUNTY + "/sheets/households";
  private static final String HEADER = "户主姓名,身份证号,所在村,户类型,人均纯收入（元）,识别日期,县区\n";

  @BeforeEach
  void enable() {
    zx.setPluginEnabled(HouseholdsPlugin.ID, true, COUNTY);
    zx.sql("DELETE FROM households.household");
  }

  @Test
  void templateRoundTrip_downloadFillImport() throws IOException {
    HttpResponse<byte[]> template = zx.http().download(BASE + "/template");
    assertEquals(200, template.statusCode());
    assertEquals(XLSX, template.headers().firstValue("Content-Type").orElse(""));
    List<String> headers = new ArrayList<>();
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(template.body()))) {
      wb.getFirstSheet().read().get(0).forEach(c -> headers.add(c.getText()));
      assertEquals(3, wb.getSheets().count(), "data, notes and lists sheets");
    }
    assertEquals(List.of("户主姓名", "身份证号", "所在村", "户类型", "人均纯收入（元）", "识别日期", "县区"), headers);

    String id1 = validId("14072119800101123");
    String id2 = endingInX("14072119750505");
    ByteArrayOutputStream filled = new ByteArrayOutputStream();
    Workbook wb = new Workbook(filled, "WPS", "1.0");
    Worksheet ws = wb.newWorksheet("监测户");
    for (int c = 0; c < headers.size(); c++) {
      ws.value(0, c, headers.get(c));
    }
    Object[][] rows = {
        {"张三", id1, "东关村", "边缘易致贫户", 8650.5, LocalDate.of(2023, 5, 26), "榆社县"},
        {"李四", id2.toLowerCase(), "西河村", "脱贫不稳定户", 7200, "2023年6月1日", null}};
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < rows[r].length; c++) {
        Object v = rows[r][c];
        if (v instanceof String s) {
          ws.value(r + 1, c, s);
        } else if (v instanceof Number n) {
          ws.value(r + 1, c, n);
        } else if (v instanceof LocalDate d) {
          ws.value(r + 1, c, d);
        }
      }
    }
    wb.finish();

    JsonObject job = runImport(XLSX, filled.toByteArray(), false);
    assertEquals("imported", job.getString("state"), job::encodePrettily);
    assertEquals(2, job.getLong("rowsRead"));
    assertEquals(2, job.getLong("rowsValid"));
    assertEquals(2, job.getLong("rowsMerged"));

    List<Row> stored = new ArrayList<>();
    zx.sql("SELECT * FROM households.household ORDER BY identified_on").forEach(stored::add);
    assertEquals(2, stored.size());
    Row zhang = stored.get(0);
    assertEquals("张三", zhang.getString("name"));
    assertEquals(COUNTY, zhang.getString("county_code"));
    assertEquals(id1.substring(0, 6) + "********" + id1.substring(14), zhang.getString("id_masked"));
    assertFalse(zhang.getString("id_cipher").contains(id1));
    assertEquals(LocalDate.of(2023, 5, 26), zhang.getLocalDate("identified_on"));
    assertEquals(0, new java.math.BigDecimal("8650.50").compareTo(zhang.getBigDecimal("income")));
    assertEquals(LocalDate.of(2023, 6, 1), stored.get(1).getLocalDate("identified_on"));
    assertTrue(stored.get(1).getString("id_masked").endsWith("X"), "a lower-case x is normalised");

    Row audit = zx.sql("SELECT action, object_type, county, detail::text AS detail FROM core.audit_log"
        + " WHERE plugin = 'households' AND object_id = $1", job.getString("id")).iterator().next();
    assertEquals("import", audit.getString("action"));
    assertEquals("households", audit.getString("object_type"));
    assertEquals(COUNTY, audit.getString("county"));
    assertTrue(audit.getString("detail").contains("\"rowsMerged\": 2")
        || audit.getString("detail").contains("\"rowsMerged\":2"), audit.getString("detail"));
    assertNoStagingTables();
  }

  @Test
  void aFileWithBadRowsIsRefusedWhole_everyBadRowListed_andTheReportDownloadable() throws IOException {
    String good = validId("14072119800101123");
    String wrongCheck = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
    String dup = validId("14072119900202456");
    String csv = HEADER
        + "张三," + good + ",东关村,边缘易致贫户,8650,2023-05-26,\n"          // row 2: fine
        + "," + validId("14072119800101124") + ",东关村,边缘易致贫户,,,\n"     // row 3: name missing
        + "王五," + wrongCheck + ",东关村,边缘易致贫户,,,\n"                   // row 4: check digit
        + "赵六," + validId("14072119800101125") + ",东关村,富裕户,,,\n"       // row 5: not in the dictionary
        + "钱七," + validId("14072119800101126") + ",东关村,脱贫不稳定户,很多,2023-02-30,\n" // row 6: two errors
        + "孙八," + validId("14072119800101127") + ",东关村,脱贫不稳定户,,,左权县\n" // row 7: another county
        + "周九," + dup + ",东关村,脱贫不稳定户,,,\n"                          // row 8
        + "吴十," + dup + ",东关村,脱贫不稳定户,,,\n";                         // row 9: duplicates row 8
    JsonObject job = runImport("text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8), false);
    assertEquals("rejected", job.getString("state"), job::encodePrettily);
    assertEquals(8, job.getLong("rowsRead"));
    assertEquals(6, job.getLong("rowsRejected"));
    assertEquals(7, job.getLong("errorCount"));
    JsonArray errors = job.getJsonArray("errors");
    String summary = errors.stream().map(o -> (JsonObject) o)
        .map(e -> e.getInteger("row") + ":" + e.getString("column"))
        .sorted().collect(Collectors.joining(" "));
    assertEquals("3:户主姓名 4:身份证号 5:户类型 6:人均纯收入（元） 6:识别日期 7:县区 9:身份证号", summary);
    for (Object o : errors) {
      String reason = ((JsonObject) o).getString("reason");
      assertTrue(reason.contains(" / "), "zh-CN / English: " + reason);
      assertFalse(reason.contains(wrongCheck) || reason.contains(dup), "no clear ID number in a reason");
    }
    assertEquals(0L, ImportJobs.households(zx), "nothing written");
    assertNoStagingTables();

    HttpResponse<byte[]> report = zx.http().download(BASE + "/imports/" + job.getString("id") + "/errors.xlsx");
    assertEquals(200, report.statusCode());
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(report.body()))) {
      List<org.dhatim.fastexcel.reader.Row> rows = wb.getFirstSheet().read();
      assertEquals("错误说明 / Errors", rows.get(0).getCellText(1));
      assertEquals(7, rows.size(), "header and one line per bad row");
      org.dhatim.fastexcel.reader.Row wang = rows.stream().filter(r -> "王五".equals(r.getCellText(2)))
          .findFirst().orElseThrow();
      assertEquals("4", wang.getCellText(0));
      assertTrue(wang.getCellText(1).startsWith("身份证号："), wang.getCellText(1));
      assertFalse(wang.getCellText(3).contains(wrongCheck.substring(6, 14)), "masked in the report too");
    }
  }

  @Test
  void gb18030AndBomCsv_andReimportingUpdatesInsteadOfDuplicating() {
    String id = validId("14072119800101123");
    String csv = HEADER + "张三," + id + ",东关村,边缘易致贫户,8650,2023/5/26,140721\n"
        + "李四," + validId("14072119800101124") + ",西河村,脱贫不稳定户,7000.5,20230601,\n";
    JsonObject first = runImport("text/csv", csv.getBytes(Charset.forName("GB18030")), false);
    assertEquals("imported", first.getString("state"), first::encodePrettily);
    assertEquals(2L, ImportJobs.households(zx));
    assertEquals("东关村", zx.sql("SELECT village FROM households.household WHERE name = '张三'").iterator().next()
        .getString("village"));

    byte[] body = csv.replace("东关村", "南庄村").getBytes(StandardCharsets.UTF_8);
    byte[] bom = new byte[body.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bom, 3, body.length);
    JsonObject again = runImport("text/csv", bom, false);
    assertEquals("imported", again.getString("state"), again::encodePrettily);
    assertEquals(2L, ImportJobs.households(zx), "the natural key makes a re-import an update");
    assertEquals("南庄村", zx.sql("SELECT village FROM households.household WHERE name = '张三'").iterator().next()
        .getString("village"));
  }

  @Test
  void aDryRunValidatesOnly() {
    String csv = HEADER + "张三," + validId("14072119800101123") + ",东关村,边缘易致贫户,,,\n";
    JsonObject job = runImport("text/csv", csv.getBytes(StandardCharsets.UTF_8), true);
    assertEquals("validated", job.getString("state"), job::encodePrettily);
    assertTrue(job.getBoolean("dryRun"));
    assertEquals(1, job.getLong("rowsValid"));
    assertEquals(0L, ImportJobs.households(zx));
    assertNoStagingTables();
  }

  @Test
  void rowsThePluginsOwnCheckRefusesAreListedLikeBadCells_inADryRunToo_andNothingIsWritten() {
    String csv = HEADER + "张三," + validId("14072119800101123") + ",东关村,边缘易致贫户,,,\n"
        + "李四," + validId("14072119800101131") + ",旧城村,边缘易致贫户,,,\n";
    for (boolean dryRun : new boolean[] {true, false}) {
      JsonObject job = runImport("text/csv", csv.getBytes(StandardCharsets.UTF_8), dryRun);

      assertEquals("rejected", job.getString("state"), job::encodePrettily);
      assertEquals(1, job.getLong("rowsRejected"));
      assertEquals(1, job.getLong("rowsValid"));
      JsonObject error = job.getJsonArray("errors").getJsonObject(0);
      assertEquals(3, error.getInteger("row"));
      assertEquals("所在村", error.getString("column"));
      assertEquals("该村已撤并 / The village was merged away", error.getString("reason"));
    }
    assertEquals(0L, ImportJobs.households(zx));
    assertNoStagingTables();
  }

  @Test
  void aCancelledImportWritesNothing() {
    StringBuilder csv = new StringBuilder(HEADER);
    LocalDate birth = LocalDate.of(1950, 1, 1);
    for (int i = 0; i < 200_000; i++) {
      String first17 = "140721" + birth.plusDays(i / 500).toString().replace("-", "") + String.format("%03d", i % 500);
      csv.append("户").append(i).append(',').append(validId(first17)).append(",东关村,边缘易致贫户,1000,2023-05-26,\n");
    }
    TestResponse started = zx.http().upload("POST", BASE + "/imports", "text/csv",
        csv.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(202, started.status(), started::toString);
    String id = started.json().getString("id");
    TestResponse cancel = zx.http().delete(BASE + "/imports/" + id);
    assertEquals(202, cancel.status(), cancel::toString);
    JsonObject job = zx.http().awaitImport(BASE, id);
    assertEquals("cancelled", job.getString("state"), job::encodePrettily);
    assertTrue(job.getLong("rowsRead") < 200_000, "stopped early: " + job.getLong("rowsRead"));
    assertEquals(0L, ImportJobs.households(zx));
    assertNoStagingTables();
    assertEquals(409, zx.http().delete(BASE + "/imports/" + id).status(), "a finished job cannot be cancelled");
  }

  @Test
  void refusedRequests() {
    TestResponse json = zx.http().post(BASE + "/imports", new JsonObject().put("x", 1));
    assertEquals(415, json.status(), json::toString);
    TestResponse xls = zx.http().upload("POST", BASE + "/imports", "text/csv",
        new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
    assertEquals(202, xls.status(), xls::toString);
    JsonObject legacy = zx.http().awaitImport(BASE, xls.json().getString("id"));
    assertEquals("rejected", legacy.getString("state"));
    assertTrue(legacy.getString("message").contains(".xls"), legacy::encodePrettily);
    assertEquals(404, zx.http().get(BASE + "/imports/nonexistent").status());
    zx.setPluginEnabled(HouseholdsPlugin.ID, true, "140722");
    assertEquals(404, zx.http().get("/api/v1/households/counties/140722/sheets/households/imports/"
        + xls.json().getString("id")).status(), "a job is seen only under its own county");
  }

  @Test
  void aClerkOfAnotherCountyCannotImportHere() {
    var clerk = zx.createUser("sheetclerk", "140722", List.of("county_staff"), List.of("households"));
    String csv = HEADER + "张三," + validId("14072119800101123") + ",东关村,边缘易致贫户,,,\n";
    TestResponse r = clerk.upload("POST", BASE + "/imports", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(403, r.status(), r::toString);
    assertEquals(0L, ImportJobs.households(zx));
  }

  /**
   * An upload refused before its body is read — no session, another county's clerk, no such register — still gets
   * its answer: the server reads and drops the body (a client that sends the whole body before reading, as
   * java.net.http does, would otherwise wait for ever on a full socket).
   */
  @Test
  void aLargeUploadRefusedBeforeItsBodyIsReadIsAnsweredAtOnce() {
    byte[] large = new byte[8 << 20];
    java.util.Arrays.fill(large, (byte) 'a');
    assertEquals(401, zx.anonymous().upload("POST", BASE + "/imports", "text/csv", large).status());
    var clerk = zx.createUser("bigclerk", "140722", List.of("county_staff"), List.of("households"));
    assertEquals(403, clerk.upload("POST", BASE + "/imports", "text/csv", large).status());
    assertEquals(404, zx.http().upload("POST", "/api/v1/households/counties/" + COUNTY
        + "/sheets/nowhere/imports", "text/csv", large).status());
    assertEquals(200, zx.http().get(BASE + "/template").status(), "the server still answers");
    assertEquals(0L, ImportJobs.households(zx));
  }

  private static JsonObject runImport(String contentType, byte[] body, boolean dryRun) {
    TestResponse started = zx.http().upload("POST", BASE + "/imports" + (dryRun ? "?dryRun=true" : ""),
        contentType, body);
    assertEquals(202, started.status(), started::toString);
    assertNotNull(started.headers().firstValue("Location").orElse(null));
    return zx.http().awaitImport(BASE, started.json().getString("id"));
  }



  private static void assertNoStagingTables() {
    long staging = zx.sql("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'households'"
        + " AND tablename LIKE 'zx_stage_%'").iterator().next().getLong("n");
    assertEquals(0, staging, "the staging table is dropped");
  }

  static String validId(String first17) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += Character.digit(first17.charAt(i), 10) * weights[i];
    }
    return first17 + "10X98765432".charAt(sum % 11);
  }

  static String endingInX(String first14) {
    for (int seq = 0; seq < 1000; seq++) {
      String id = validId(first14 + String.format("%03d", seq));
      if (id.endsWith("X")) {
        return id;
      }
    }
    throw new IllegalStateException();
  }
}
