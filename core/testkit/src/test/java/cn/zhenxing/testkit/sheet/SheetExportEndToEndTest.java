package cn.zhenxing.testkit.sheet;

import static cn.zhenxing.testkit.sheet.SheetImportEndToEndTest.validId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: a county clerk exports the households register (xlsx or CSV, filtered) with ID numbers masked; an
 * authorised user exports them in clear with a reason, audited once; other counties' rows never leak; large exports
 * stream.
 */
class SheetExportEndToEndTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin(HouseholdsPlugin.ID, HouseholdsPlugin::new)
      .build();

  private static final String COUNTY = "140721";
  private static final String BASE = "/api/v1/households/counties/" + COUNTY + "/sheets/households";
  private static final String HEADER = "户主姓名,身份证号,所在村,户类型,人均纯收入（元）,识别日期,县区\n";
  private static final List<String> HEADERS = List.of("户主姓名", "身份证号", "所在村", "户类型", "人均纯收入（元）",
      "识别日期", "县区");
  private static final String ID1 = validId("14072119800101123");
  private static final String ID2 = validId("14072119750505456");
  private static final String ID3 = validId("14072119900202789");
  /** The last audit row before the test's exports (the log is append-only). */
  private static long since;

  @BeforeEach
  void importThreeHouseholdsAndOneOfAnotherCounty() {
    zx.setPluginEnabled(HouseholdsPlugin.ID, true, COUNTY);
    zx.sql("DELETE FROM households.household");
    String csv = HEADER
        + "张三," + ID1 + ",东关村,边缘易致贫户,8650.5,2023-05-26,\n"
        + "李四," + ID2 + ",西河村,脱贫不稳定户,7200,2023年6月1日,\n"
        + "\"王,五\"," + ID3 + ",东关村,脱贫不稳定户,,,\n";
    TestResponse started = zx.http().upload("POST", BASE + "/imports", "text/csv",
        csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(202, started.status(), started::toString);
    JsonObject imported = zx.http().awaitImport(BASE, started.json().getString("id"));
    assertEquals("imported", imported.getString("state"));
    since = zx.sql("SELECT coalesce(max(id), 0) AS m FROM core.audit_log").iterator().next().getLong("m");
    zx.sql("INSERT INTO households.household (county_code, name, id_cipher, id_index, id_masked, village, category)"
        + " VALUES ('140722', '外县户', 'x', 'other-county', '140722********0000', '外村', '脱贫不稳定户')");
  }

  @Test
  void xlsxExportHasTheRowsMasked_onlyThisCounty_andIsAuditedOnce() throws IOException {
    HttpResponse<byte[]> r = zx.http().download(BASE + "/export");
    assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
    assertEquals(SheetImportEndToEndTest.XLSX, r.headers().firstValue("Content-Type").orElse(""));
    assertTrue(r.headers().firstValue("Content-Disposition").orElse("")
        .contains("filename*=UTF-8''" + URLEncoder.encode("监测户", StandardCharsets.UTF_8) + ".xlsx"));
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(r.body()))) {
      List<org.dhatim.fastexcel.reader.Row> rows = wb.getFirstSheet().read();
      List<String> headers = new ArrayList<>();
      rows.get(0).forEach(c -> headers.add(c.getText()));
      assertEquals(HEADERS, headers);
      assertEquals(4, rows.size(), "header and this county's three households: " + rows);
      org.dhatim.fastexcel.reader.Row zhang = rows.get(1);
      assertEquals("张三", zhang.getCellText(0));
      assertEquals(ID1.substring(0, 6) + "********" + ID1.substring(14), zhang.getCellText(1));
      assertEquals("边缘易致贫户", zhang.getCellText(3));
      assertEquals(0, new java.math.BigDecimal("8650.5").compareTo(zhang.getCell(4).asNumber()));
      assertEquals(LocalDate.of(2023, 5, 26), zhang.getCell(5).asDate().toLocalDate());
      assertEquals(COUNTY, zhang.getCellText(6));
      assertEquals("王,五", rows.get(3).getCellText(0));
      for (org.dhatim.fastexcel.reader.Row row : rows) {
        assertFalse(row.getCellText(0).equals("外县户"), "no row of another county");
      }
    }
    Row audit = zx.sql("SELECT object_type, county, detail::text AS detail FROM core.audit_log"
        + " WHERE plugin = 'households' AND action = 'export' AND id > $1", since).iterator().next();
    assertEquals("households", audit.getString("object_type"));
    assertEquals(COUNTY, audit.getString("county"));
    JsonObject detail = new JsonObject(audit.getString("detail"));
    assertEquals("xlsx", detail.getString("format"));
    assertEquals(3, detail.getInteger("rows"));
    assertFalse(detail.getBoolean("revealed"));
    assertEquals(0L, auditCount("reveal"));
  }

  @Test
  void csvExportHasABom_parsesBack_andFiltersNarrowTheRows() {
    HttpResponse<byte[]> r = zx.http().download(BASE + "/export?format=csv&category="
        + URLEncoder.encode("脱贫不稳定户", StandardCharsets.UTF_8));
    assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    byte[] body = r.body();
    assertEquals((byte) 0xEF, body[0]);
    assertEquals((byte) 0xBB, body[1]);
    assertEquals((byte) 0xBF, body[2]);
    List<List<String>> rows = parseCsv(new String(body, 3, body.length - 3, StandardCharsets.UTF_8));
    assertEquals(HEADERS, rows.get(0));
    assertEquals(3, rows.size(), "header and the two households of the category: " + rows);
    assertEquals(List.of("李四", ID2.substring(0, 6) + "********" + ID2.substring(14), "西河村", "脱贫不稳定户",
        "7200.00", "2023-06-01", COUNTY), rows.get(1));
    assertEquals(List.of("王,五", ID3.substring(0, 6) + "********" + ID3.substring(14), "东关村", "脱贫不稳定户",
        "", "", COUNTY), rows.get(2));
    JsonObject detail = detail("export");
    assertEquals("csv", detail.getString("format"));
    assertEquals(2, detail.getInteger("rows"));
    assertEquals("脱贫不稳定户", detail.getJsonObject("filters").getString("category"));

    HttpResponse<byte[]> village = zx.http().download(BASE + "/export?format=csv&village="
        + URLEncoder.encode("西河村", StandardCharsets.UTF_8));
    assertEquals(2, parseCsv(new String(village.body(), StandardCharsets.UTF_8).substring(1)).size());
  }

  @Test
  void revealWithPermissionAndReasonGivesClearNumbers_auditedOnce() {
    HttpResponse<byte[]> r = zx.http().download(BASE + "/export?format=csv&reveal=true&reason="
        + URLEncoder.encode("入户核查", StandardCharsets.UTF_8));
    assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
    List<List<String>> rows = parseCsv(new String(r.body(), StandardCharsets.UTF_8).substring(1));
    assertEquals(4, rows.size());
    assertEquals(List.of(ID1, ID2, ID3), List.of(rows.get(1).get(1), rows.get(2).get(1), rows.get(3).get(1)));
    assertEquals(1L, auditCount("reveal"), "one reveal row for the whole export");
    JsonObject reveal = detail("reveal");
    assertEquals("households", reveal.getString("register"));
    assertEquals(3, reveal.getInteger("rows"));
    assertEquals("入户核查", reveal.getString("reason"));
    assertEquals(1L, auditCount("export"));
    assertTrue(detail("export").getBoolean("revealed"));
  }

  @Test
  void revealRefused_withoutPermission403_withoutReason422_andDisabledCounty403() {
    TestHttp clerk = zx.createUser("exportclerk", COUNTY, List.of("county_staff"), List.of("households"));
    TestResponse masked = clerk.get(BASE + "/export?format=csv");
    assertEquals(200, masked.status(), masked::toString);
    TestResponse noPermission = clerk.get(BASE + "/export?reveal=true&reason=check");
    assertEquals(403, noPermission.status(), noPermission::toString);
    TestResponse noReason = zx.http().get(BASE + "/export?reveal=true");
    assertEquals(422, noReason.status(), noReason::toString);
    assertTrue(noReason.body().contains("reason"), noReason::toString);
    TestResponse badFormat = zx.http().get(BASE + "/export?format=xls");
    assertEquals(422, badFormat.status(), badFormat::toString);
    TestResponse disabled = zx.http().get("/api/v1/households/counties/140723/sheets/households/export");
    assertEquals(403, disabled.status(), disabled::toString);
    assertEquals(0L, auditCount("reveal"));
  }

  @Test
  void aLargeExportStreams() throws IOException {
    zx.sql("INSERT INTO households.household (county_code, name, id_cipher, id_index, id_masked, village, category,"
        + " income, identified_on)"
        + " SELECT '140721', '户' || g, 'cipher', 'bulk-' || g, '140721********' || lpad((g % 10000)::text, 4, '0'),"
        + " '东关村', '边缘易致贫户', g % 9000, DATE '2023-01-01' + (g % 365)"
        + " FROM generate_series(1, 50000) g");
    HttpResponse<byte[]> xlsx = zx.http().download(BASE + "/export");
    assertEquals(200, xlsx.statusCode());
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()));
        var rows = wb.getFirstSheet().openStream()) {
      assertEquals(1 + 3 + 50_000, rows.count());
    }
    HttpResponse<byte[]> csv = zx.http().download(BASE + "/export?format=csv");
    assertEquals(200, csv.statusCode());
    assertEquals(1 + 3 + 50_000, parseCsv(new String(csv.body(), StandardCharsets.UTF_8).substring(1)).size());
  }

  private static JsonObject detail(String action) {
    return new JsonObject(zx.sql("SELECT detail::text AS d FROM core.audit_log WHERE action = $1 AND id > $2",
        action, since).iterator().next().getString("d"));
  }

  private static long auditCount(String action) {
    return zx.sql("SELECT count(*) AS n FROM core.audit_log WHERE plugin = 'households' AND action = $1 AND id > $2",
        action, since)
        .iterator().next().getLong("n");
  }

  /** RFC 4180. */
  static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (ch == '\r') {
        continue;
      } else if (ch == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        cell.append(ch);
      }
    }
    if (!row.isEmpty() || cell.length() > 0) {
      row.add(cell.toString());
      rows.add(row);
    }
    return rows;
  }

}
