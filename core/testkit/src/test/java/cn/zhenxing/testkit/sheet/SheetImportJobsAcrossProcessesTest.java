package cn.zhenxing.testkit.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.server.ZhenxingServer;
import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: two server processes share one database; an import started on one is polled, cancelled and reported on
 * the other (the jobs are rows of core.sheet_import), a job of a stopped process reads as failed, and the merged
 * OpenAPI document describes the sheet routes (the upload still streams with request validation on).
 */
class SheetImportJobsAcrossProcessesTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin(HouseholdsPlugin.ID, HouseholdsPlugin::new)
      .build();

  private static final String COUNTY = "140721";
  private static final String BASE = "/api/v1/households/counties/" + COUNTY + "/sheets/households";
  private static final String HEADER = "户主姓名,身份证号,所在村,户类型,人均纯收入（元）,识别日期,县区\n";

  private static ZhenxingServer other;
  private static TestHttp otherHttp;

  /** Started once the counties are enabled (a process reads the enablement when it starts). */
  static void startSecondProcess() {
    other = zx.startAnother();
    TestHttp anonymous = new TestHttp("http://127.0.0.1:" + other.port());
    TestResponse login = anonymous.post("/api/v1/auth/login", new JsonObject()
        .put("username", ZhenxingExtension.ADMIN).put("password", ZhenxingExtension.ADMIN_PASSWORD));
    assertEquals(200, login.status(), login::toString);
    otherHttp = anonymous.withHeader("Authorization", "Bearer " + login.json().getString("token"));
  }

  @AfterAll
  static void stopSecondProcess() throws Exception {
    if (other != null) {
      other.stop().get(60, TimeUnit.SECONDS);
    }
  }

  @BeforeEach
  void enable() {
    zx.setPluginEnabled(HouseholdsPlugin.ID, true, COUNTY, "140722");
    zx.sql("DELETE FROM households.household");
    if (other == null) {
      startSecondProcess();
    }
  }

  @Test
  void aJobStartedOnOneProcessIsReadOnTheOther_progressResultAndErrorReport() {
    TestResponse started = zx.http().upload("POST", BASE + "/imports?fileName=big.csv", "text/csv", csv(60_000));
    assertEquals(202, started.status(), started::toString);
    String id = started.json().getString("id");
    JsonObject done = otherHttp.awaitImport(BASE, id);
    assertEquals("imported", done.getString("state"), done::encodePrettily);
    assertEquals(60_000L, done.getLong("rowsRead"));
    assertEquals(60_000L, done.getLong("rowsMerged"));
    assertEquals("big.csv", done.getString("fileName"));
    assertEquals(60_000L, ImportJobs.households(zx));
    JsonObject row = zx.sql("SELECT instance_id, file_type, user_id FROM core.sheet_import WHERE id = $1", UUID.fromString(id.replaceFirst(
        "(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5")))
        .iterator().next().toJson();
    assertEquals("csv", row.getString("file_type"));
    assertTrue(row.getLong("user_id") != null, row::encode);

    String bad = HEADER + "张三,123,东关村,边缘易致贫户,,,\n";
    TestResponse rejected = zx.http().upload("POST", BASE + "/imports", "text/csv",
        bad.getBytes(StandardCharsets.UTF_8));
    assertEquals(202, rejected.status(), rejected::toString);
    JsonObject refused = otherHttp.awaitImport(BASE, rejected.json().getString("id"));
    assertEquals("rejected", refused.getString("state"), refused::encodePrettily);
    assertEquals(2, refused.getJsonArray("errors").getJsonObject(0).getInteger("row"));
    HttpResponse<byte[]> report = otherHttp.download(BASE + "/imports/" + rejected.json().getString("id")
        + "/errors.xlsx");
    assertEquals(200, report.statusCode());
    assertTrue(report.body().length > 100, "an xlsx");
  }

  @Test
  void aCancelThroughTheOtherProcessStopsTheJob_andNothingIsWritten() {
    TestResponse started = zx.http().upload("POST", BASE + "/imports", "text/csv", csv(200_000));
    assertEquals(202, started.status(), started::toString);
    String id = started.json().getString("id");
    TestResponse cancel = otherHttp.delete(BASE + "/imports/" + id);
    assertEquals(202, cancel.status(), cancel::toString);
    assertTrue(cancel.json().getBoolean("cancelRequested"));
    JsonObject job = zx.http().awaitImport(BASE, id);
    assertEquals("cancelled", job.getString("state"), job::encodePrettily);
    // How far reading got before the cancel was seen depends on the machine's speed; what matters to the user is
    // that the job ends cancelled with nothing written (checked below), wherever it stopped.
    assertEquals(0L, ImportJobs.households(zx));
    assertEquals(0L, zx.sql("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'households'"
        + " AND tablename LIKE 'zx_stage_%'").iterator().next().getLong("n"));
    assertEquals(409, otherHttp.delete(BASE + "/imports/" + id).status(), "a finished job cannot be cancelled");
  }

  @Test
  void aJobOfAnotherCountyIs404_andAStaleRunningJobReadsFailed() {
    UUID uuid = UUID.randomUUID();
    String id = uuid.toString().replace("-", "");
    zx.sql("INSERT INTO core.sheet_import (id, plugin, register, county, file_type, dry_run, state, phase,"
        + " instance_id, started_at, updated_at) VALUES ($1, 'households', 'households', '" + COUNTY + "',"
        + " 'csv', false, 'running', 'reading', 'gone/1', now() - interval '10 minutes',"
        + " now() - interval '5 minutes')", uuid);
    JsonObject stale = otherHttp.get(BASE + "/imports/" + id).json();
    assertEquals("failed", stale.getString("state"), stale::encodePrettily);
    assertTrue(stale.getString("message").contains("stopped"), stale::encodePrettily);
    assertEquals(409, zx.http().delete(BASE + "/imports/" + id).status(), "too late to cancel a dead job");
    assertEquals(404, otherHttp.get("/api/v1/households/counties/140722/sheets/households/imports/" + id)
        .status(), "a job is seen only under its own county");
    assertEquals(404, otherHttp.delete("/api/v1/households/counties/140722/sheets/households/imports/" + id)
        .status());
    assertEquals(404, zx.http().get(BASE + "/imports/" + UUID.randomUUID().toString().replace("-", "")).status());
  }

  @Test
  void theMergedDocumentListsTheSheetPaths_andUploadsPassValidation() {
    JsonObject doc = zx.http().get("/api/v1/openapi.json").json();
    JsonObject paths = doc.getJsonObject("paths");
    String base = "/api/v1/households/counties/{county}/sheets/households";
    for (String path : new String[] {"/template", "/imports", "/imports/{job}", "/imports/{job}/errors.xlsx",
        "/export"}) {
      assertTrue(paths.containsKey(base + path), "documented: " + base + path);
    }
    JsonObject upload = paths.getJsonObject(base + "/imports").getJsonObject("post");
    assertTrue(upload.getString("summary").startsWith("导入"), upload::encodePrettily);
    assertEquals("handler", upload.getJsonObject("requestBody").getString("x-validated-by"));
    assertEquals("households.sheetHouseholdsImport", upload.getString("operationId"));
    // With the operation documented, validation runs for the upload and must not touch its streamed body.
    String csv = HEADER + "张三," + SheetImportEndToEndTest.validId("14072119800101123") + ",东关村,边缘易致贫户,,,\n";
    TestResponse started = otherHttp.upload("POST", BASE + "/imports?dryRun=true", "text/csv",
        csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(202, started.status(), started::toString);
    JsonObject validated = zx.http().awaitImport(BASE, started.json().getString("id"));
    assertEquals("validated", validated.getString("state"));
    TestResponse badQuery = zx.http().upload("POST", BASE + "/imports?dryRun=maybe", "text/csv",
        csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(400, badQuery.status(), "the parameters are still validated: " + badQuery);
  }

  private static byte[] csv(int rows) {
    StringBuilder csv = new StringBuilder(HEADER);
    LocalDate birth = LocalDate.of(1950, 1, 1);
    for (int i = 0; i < rows; i++) {
      String first17 = "140721" + birth.plusDays(i / 500).toString().replace("-", "") + String.format("%03d", i % 500);
      csv.append("户").append(i).append(',').append(SheetImportEndToEndTest.validId(first17))
          .append(",东关村,边缘易致贫户,1000,2023-05-26,\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }


}
