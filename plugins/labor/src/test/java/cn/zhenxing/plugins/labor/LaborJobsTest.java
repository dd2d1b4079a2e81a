package cn.zhenxing.plugins.labor;

import static cn.zhenxing.plugins.labor.LabourersAndEmploymentTest.job;
import static cn.zhenxing.plugins.labor.LabourersAndEmploymentTest.labourer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: the plugin's daily and monthly jobs, driven by an operator and a moved clock: a job that ended with nothing
 * after it becomes exactly one employment-lost event; the monthly snapshot records each county's figures; the
 * target-gap report tells a county below its path.
 */
class LaborJobsTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().plugin("labor", LaborPlugin::new).build();

  private static final String HESHUN = "/api/v1/labor/counties/140723";
  private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");
  private static final String JIEXIU_CLERK = "jiexiu-labor";

  @BeforeAll
  static void aJiexiuClerk() {
    zx.createUser(JIEXIU_CLERK, "140781", List.of("county_staff"), List.of("labor"));
  }

  @Test
  void anEmploymentEndedWithoutANewOneWithinTheGracePeriodIsPublishedOnce_andAQuickNewJobPublishesNothing() {
    LocalDate today = LocalDate.now(zx.clock().withZone(CITY));
    long lost = admin().post(HESHUN + "/labourers", labourer("失业者", IdCards.of("140723", 1))).json()
        .getLong("id");
    long lostJob = admin().post(HESHUN + "/employments", job(lost, "和顺煤矿", "county", null,
        today.minusYears(1).toString(), null).put("monthlyIncome", 4200)).json().getLong("id");
    long moved = admin().post(HESHUN + "/labourers", labourer("换工者", IdCards.of("140723", 2))).json()
        .getLong("id");
    admin().post(HESHUN + "/employments", job(moved, "和顺饭店", "county", null, today.minusYears(1).toString(),
        today.toString()));
    admin().post(HESHUN + "/employments", job(moved, "天津某物业", "outside", "天津市",
        today.plusDays(20).toString(), null));
    TestResponse ended = admin().put(HESHUN + "/employments/" + lostJob + "/end",
        new JsonObject().put("endDate", today.toString()));
    assertEquals(200, ended.status(), ended::toString);

    // Within the grace period nothing is published.
    zx.clock().advance(Duration.ofDays(30));
    runJob("employment-lost", "140723");
    assertEquals(0, events(lost) + events(moved));

    zx.clock().advance(Duration.ofDays(1));
    runJob("employment-lost", "140723");
    runJob("employment-lost", "140723");
    assertEquals(1, events(lost), "exactly one event for the ended employment, however often the job runs");
    assertEquals(0, events(moved), "a new job within the grace period is no loss");
    Row event = zx.sql("SELECT county, publisher, payload FROM core.event WHERE type = 'labor.employment-lost'"
        + " AND payload->>'personIndex' = $1", index(lost)).iterator().next();
    assertEquals("140723", event.getString("county"));
    assertEquals("labor", event.getString("publisher"));
    JsonObject payload = new JsonObject(event.getValue("payload").toString());
    assertEquals(today.toString(), payload.getString("employmentEnded"));
    assertEquals(today.plusDays(31).toString(), payload.getString("detectedOn"));
    assertEquals("county", payload.getString("place"));
    assertEquals(4200.0, payload.getDouble("monthlyIncome"));
    assertEquals(String.valueOf(lostJob), payload.getString("employmentId"));
    assertFalse(payload.encode().contains(IdCards.of("140723", 1)), "no ID number in clear");
    // The loss is on the record, and its end can no longer be moved.
    assertEquals(today.plusDays(31).toString(), admin().get(HESHUN + "/employments/" + lostJob).json()
        .getString("lostDetectedOn"));
    assertEquals(409, admin().put(HESHUN + "/employments/" + lostJob + "/end",
        new JsonObject().put("endDate", today.plusDays(1).toString())).status());
    // Nor through a spreadsheet: the row is rejected like a bad cell, and the end date stays.
    String csv = "身份证号,就业单位,务工地点,省份,行业,开始日期,结束日期,月收入（元）,就业途径,中介组织,县区\n"
        + IdCards.of("140723", 1) + ",和顺煤矿,县内,,建筑业," + today.minusYears(1) + "," + today.plusDays(5)
        + ",4200,自主就业,,\n";
    JsonObject job = admin().importSheet(HESHUN + "/sheets/employments", "", "text/csv",
        csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("rejected", job.getString("state"), job::encode);
    assertEquals("结束日期", job.getJsonArray("errors").getJsonObject(0).getString("column"), job::encode);
    assertEquals(today.toString(), admin().get(HESHUN + "/employments/" + lostJob).json().getString("endDate"));
  }

  @Test
  void theMonthlySnapshotRecordsEachCountysFigures_andTheGapReportWarnsACountyBelowItsPath() {
    String jiexiu = "/api/v1/labor/counties/140781";
    LocalDate today = LocalDate.now(zx.clock().withZone(CITY));
    long id = admin().post(jiexiu + "/labourers", labourer("介休人", IdCards.of("140781", 3))).json().getLong("id");
    admin().post(jiexiu + "/employments", job(id, "苏州某工厂", "outside", "江苏省",
        today.minusMonths(3).toString(), null));

    runJob("monthly-snapshot", "140781");
    JsonObject snapshot = admin().get(jiexiu + "/snapshots").json().getJsonArray("items").getJsonObject(0);
    LocalDate asOf = today.minusDays(1);
    assertEquals(asOf.withDayOfMonth(1).toString(), snapshot.getString("month"));
    assertEquals("140781", snapshot.getString("county"));
    assertEquals(1, snapshot.getInteger("employed"));
    assertEquals(1, snapshot.getInteger("outside"));
    assertEquals(7_500, snapshot.getInteger("employedTarget"));
    runJob("monthly-snapshot", "140781");
    assertEquals(1L, admin().get(jiexiu + "/snapshots").json().getLong("total"), "a rerun replaces the month");

    // One person employed against a target of 7,500 is below any path but the year's first day's.
    runJob("target-gap", "140781");
    JsonObject report = admin().get(jiexiu + "/gap-reports").json().getJsonArray("items").getJsonObject(0);
    assertEquals(1, report.getInteger("employed"));
    assertEquals("140781", report.getString("county"));
    assertTrue(report.getInteger("employedExpected") >= 21, report::encode);
    assertTrue(report.getBoolean("belowPath"));
    Row note = zx.sql("SELECT county, kind, level, link FROM core.notification WHERE plugin = 'labor'"
        + " AND county = '140781' ORDER BY id DESC LIMIT 1").iterator().next();
    assertEquals("/api/v1/labor/counties/140781/gap-reports", note.getString("link"));
    assertEquals("employment-below-path", note.getString("kind"));
    assertEquals("warning", note.getString("level"));
    JsonObject inbox = zx.login(JIEXIU_CLERK, ZhenxingExtension.passwordOf(JIEXIU_CLERK))
        .get("/api/v1/inbox?plugin=labor").json();
    assertTrue(inbox.getJsonArray("items").stream().map(JsonObject.class::cast)
        .anyMatch(n -> "employment-below-path".equals(n.getString("kind"))), inbox::encode);
  }

  /**
   * A fresh session: moving the clock a month ahead expires the one the extension logged in with.
   */
  private static TestHttp admin() {
    return zx.login(ZhenxingExtension.ADMIN, ZhenxingExtension.ADMIN_PASSWORD);
  }

  private static void runJob(String name, String county) {
    TestResponse r = admin().post("/api/v1/jobs/labor/" + name + "/runs?county=" + county, null);
    assertEquals(200, r.status(), r::toString);
    assertEquals("succeeded", r.json().getJsonArray("runs").getJsonObject(0).getString("outcome"), r::toString);
  }

  private static String index(long labourerId) {
    return zx.sql("SELECT id_index FROM labor.labourer WHERE id = $1", labourerId).iterator().next().getString(0);
  }

  private static long events(long labourerId) {
    return zx.sql("SELECT count(*) FROM core.event WHERE type = 'labor.employment-lost'"
        + " AND payload->>'personIndex' = $1", index(labourerId)).iterator().next().getLong(0);
  }
}
