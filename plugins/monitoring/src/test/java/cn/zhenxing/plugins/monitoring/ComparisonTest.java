package cn.zhenxing.plugins.monitoring;

import static cn.zhenxing.plugins.monitoring.Cases.base;
import static cn.zhenxing.testkit.Problems.assertInvalidField;
import static cn.zhenxing.testkit.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.Eventually;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 信息比对: a department batch through the sheet import, matched by blind index, re-run and rolled back. */
class ComparisonTest {

  @RegisterExtension
  static final ZhenxingExtension zx = Cases.server();

  private static final String YUSHE = "140721";
  private static final String B = base(YUSHE);
  private static final String HEADER = "部门,批次号,数据期间,数据来源,身份证号,姓名,风险类别,金额（元）,发生日期,说明\n";

  @Test
  void aMedicalBatchWarnsTheRightHouseholdsIsIdempotentAndRollsBackAsAWhole() {
    String alleviatedId = Cases.idNumber(YUSHE, "1961-01-01");
    String otherId = Cases.idNumber(YUSHE, "1962-02-02");
    String quietId = Cases.idNumber(YUSHE, "1963-03-03");
    String outsiderId = Cases.idNumber(YUSHE, "1964-04-04");
    long alleviated = Cases.createHousehold(zx.http(), YUSHE, "CMP-1", alleviatedId, "9000");
    long other = Cases.createHousehold(zx.http(), YUSHE, "CMP-2", otherId, "9000");
    assertEquals(200, zx.http().put(B + "/households/" + other, new JsonObject().put("category", "一般农户")).status());
    long quiet = Cases.createHousehold(zx.http(), YUSHE, "CMP-3", quietId, "9000");

    // 6,000 self-paid: above the 脱贫户 threshold (5,000), below the others' (10,000); the outsider is not registered
    String csv = HEADER
        + "医保,YB-2026-10,2026-10,市医保局结算系统," + alleviatedId + ",王建国,illness,6000,2026-10-12,住院\n"
        + "医保,YB-2026-10,2026-10,市医保局结算系统," + otherId + ",王建国,illness,6000,2026-10-13,住院\n"
        + "医保,YB-2026-10,2026-10,市医保局结算系统," + outsiderId + ",赵六,illness,20000,2026-10-14,住院\n";
    assertEquals("imported", importCsv(csv).getString("state"));
    JsonObject batch = onlyBatch("YB-2026-10");
    assertEquals("市医保局结算系统", batch.getString("source"));
    assertEquals("2026-10", batch.getString("period"));
    assertEquals(3, batch.getInteger("rowsRead"));
    assertEquals(2, batch.getInteger("matched"));
    assertEquals(1, batch.getInteger("unmatched"));
    assertEquals(1, batch.getInteger("signalsRaised"), "only the record above its threshold is a risk signal");
    assertEquals(1, batch.getInteger("warningsRaised"));
    assertTrue(batch.getLong("durationMs") >= 0);

    JsonArray warned = openWarnings(alleviated);
    assertEquals(1, warned.size());
    assertEquals("medical", warned.getJsonObject(0).getString("rule"));
    assertEquals(0, openWarnings(other).size());
    assertEquals(0, openWarnings(quiet).size());
    assertEquals("warned", household(alleviated).getString("riskState"));

    // each signal traceable to its batch and row, through the same signal register as every channel
    String b = B + "/comparison/batches/" + batch.getLong("id");
    JsonArray records = zx.http().get(b + "/records").json().getJsonArray("items");
    assertEquals(3, records.size());
    JsonObject first = records.getJsonObject(0);
    assertEquals(2, first.getInteger("rowNo"));
    assertEquals("warned", first.getString("signalOutcome"));
    assertEquals("warned", first.getString("outcome"));
    JsonObject second = records.getJsonObject(1);
    assertEquals("below-threshold", second.getString("outcome"), second::encode);
    assertNull(second.getValue("signalId"));
    assertEquals("unmatched", records.getJsonObject(2).getString("outcome"));
    assertEquals(warned.getJsonObject(0).getLong("id"), first.getLong("warningId"));
    JsonObject signal = zx.http().get(B + "/signals/" + first.getLong("signalId")).json();
    assertEquals("信息比对", signal.getString("channel"));
    assertEquals("comparison", signal.getString("source"));
    assertEquals("YB-2026-10/" + first.getLong("id"), signal.getString("sourceRef"));
    assertEquals(3, zx.http().get(b + "/records?limit=1").json().getLong("total"), "totals beyond the page");
    assertEquals(2, zx.http().get(b + "/records?matched=true").json().getLong("total"));
    assertEquals(1, zx.http().get(b + "/records?outcome=warned").json().getLong("total"));
    JsonObject pastTheEnd = zx.http().get(b + "/records?outcome=warned&offset=10").json();
    assertEquals(1, pastTheEnd.getLong("total"), "a page past the end still counts the filtered records");
    assertTrue(pastTheEnd.getJsonArray("items").isEmpty());
    JsonArray unmatched = zx.http().get(b + "/records?matched=false").json().getJsonArray("items");
    assertEquals(1, unmatched.size());
    assertEquals(4, unmatched.getJsonObject(0).getInteger("rowNo"));
    assertFalse(unmatched.encode().contains(outsiderId), "only the masked number is kept and shown");
    assertEquals(0, zx.sql("SELECT count(*) FROM monitoring.comparison_record WHERE id_masked = $1 OR name = $1",
        outsiderId).iterator().next().getLong(0));
    assertEquals(0, zx.sql("SELECT count(*) FROM monitoring.comparison_unmatched WHERE id_masked = $1 OR name = $1",
        outsiderId).iterator().next().getLong(0), "the clear number is kept nowhere");

    // a re-run changes nothing but the run count
    assertEquals("imported", importCsv(csv).getString("state"));
    JsonObject again = onlyBatch("YB-2026-10");
    assertEquals(2, again.getInteger("runs"));
    assertEquals(1, again.getInteger("signalsRaised"));
    assertEquals(1, signalsOf("comparison"));
    assertEquals(1, openWarnings(alleviated).size());

    // one file is one batch
    JsonObject mixed = importCsv(HEADER
        + "医保,YB-2026-11,2026-11,市医保局," + alleviatedId + ",王建国,illness,100,2026-11-01,\n"
        + "医保,YB-2026-12,2026-12,市医保局," + otherId + ",王建国,illness,100,2026-12-01,\n");
    assertEquals("rejected", mixed.getString("state"), mixed::encode);
    assertEquals(3, mixed.getJsonArray("errors").getJsonObject(0).getInteger("row"));
    // a malformed period and a negative amount are refused by row and the column they are about
    JsonObject badPeriod = importCsv(HEADER
        + "医保,YB-2026-13,2026-13,市医保局," + alleviatedId + ",王建国,illness,100,2026-11-01,\n");
    assertEquals("period", badPeriod.getJsonArray("errors").getJsonObject(0).getString("key"), badPeriod::encode);
    JsonObject negative = importCsv(HEADER
        + "医保,YB-2026-11,2026-11,市医保局," + alleviatedId + ",王建国,illness,-5,2026-11-01,\n");
    assertEquals("amount", negative.getJsonArray("errors").getJsonObject(0).getString("key"), negative::encode);
    // a record of a year before every rule set cannot be judged: refused by row and column, nothing written
    JsonObject unjudged = importCsv(HEADER
        + "医保,YB-2019-05,2019-05,市医保局," + alleviatedId + ",王建国,illness,90000,2019-05-01,\n");
    assertEquals("rejected", unjudged.getString("state"), unjudged::encode);
    JsonObject error = unjudged.getJsonArray("errors").getJsonObject(0);
    assertEquals(2, error.getInteger("row"));
    assertEquals("occurredOn", error.getString("key"), error::encode);
    assertEquals(0, zx.sql("SELECT count(*) FROM monitoring.comparison_batch WHERE batch_no = 'YB-2019-05'")
        .iterator().next().getLong(0));

    // rolled back as a whole: warnings, the household's state, signals and records; the batch row stays
    TestResponse rolled = zx.http().post(b + "/rollback", null);
    assertEquals(200, rolled.status(), rolled::toString);
    assertEquals("rolled-back", rolled.json().getString("status"));
    assertEquals(new JsonObject().put("warnings", 1).put("signals", 1).put("records", 3),
        rolled.json().getJsonObject("removed"));
    assertEquals(0, openWarnings(alleviated).size());
    assertEquals("normal", household(alleviated).getString("riskState"));
    assertEquals(0, signalsOf("comparison"));
    assertProblem(409, zx.http().post(b + "/rollback", null));
    assertEquals(0, zx.http().get(b + "/records").json().getLong("total"), "the records went with the rollback");
    assertEquals(1, zx.sql("SELECT count(*) FROM core.audit_log WHERE plugin = 'monitoring' AND action = 'rollback'"
        + " AND object_type = 'comparison-batch'").iterator().next().getLong(0));

    // applied again by a new import; once its warning is visited, the batch can no longer be undone
    assertEquals("imported", importCsv(csv).getString("state"));
    assertEquals("applied", onlyBatch("YB-2026-10").getString("status"));
    JsonArray back = openWarnings(alleviated);
    assertEquals(1, back.size());
    assertEquals(200, zx.http().post(B + "/warnings/" + back.getJsonObject(0).getLong("id") + "/visit",
        new JsonObject().put("note", "入户核实")).status());
    assertProblem(409, zx.http().post(b + "/rollback", null));

    // 分析研判 over the same signals: by month, channel and kind; conversion; handling; the city's breakdown
    JsonObject analysis = zx.http().get(B + "/analysis?from=2026-01-01&to=" + Cases.today(zx)).json();
    JsonObject october = analysis.getJsonArray("signalsByMonth").stream().map(JsonObject.class::cast)
        .filter(o -> "2026-10".equals(o.getString("month")) && "信息比对".equals(o.getString("channel")))
        .findFirst().orElseThrow(() -> new AssertionError(analysis.encode()));
    assertEquals("illness", october.getString("riskKind"));
    assertEquals(1, october.getInteger("signals"));
    assertEquals(1, october.getInteger("warned"));
    assertEquals(1, analysis.getJsonObject("conversion").getInteger("householdsSignalled"));
    assertEquals(0, analysis.getJsonObject("conversion").getInteger("identified"));
    assertEquals(1, analysis.getJsonObject("handling").getInteger("warnings"));
    assertEquals(0, analysis.getJsonObject("handling").getInteger("overdueOpen"));
    assertTrue(analysis.getJsonObject("handling").getValue("avgDaysToVisit") != null, analysis::encode);
    assertEquals(0, analysis.getInteger("reentries"));
    assertInvalidField("to", zx.http().get(B + "/analysis?from=2026-05-01&to=2026-04-01"));
    JsonObject city = zx.http().get("/api/v1/monitoring/analysis?from=2026-01-01").json();
    JsonObject yushe = city.getJsonArray("byCounty").stream().map(JsonObject.class::cast)
        .filter(o -> YUSHE.equals(o.getString("county"))).findFirst().orElseThrow(() -> new AssertionError(city.encode()));
    assertEquals(1, yushe.getInteger("signals"));
    Eventually.poll(Duration.ofSeconds(20), "the comparison gauges", () -> zx.anonymous().get("/metrics").body(),
        m -> m.lines().anyMatch(l -> l.startsWith("zx_monitoring_comparison_records_unmatched{")
            && l.contains("\"" + YUSHE + "\"") && l.endsWith(" 1.0")));
  }

  private static JsonObject importCsv(String csv) {
    return zx.http().importSheet(B + "/sheets/comparison", "", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject onlyBatch(String number) {
    JsonArray items = zx.http().get(B + "/comparison/batches?department=医保").json().getJsonArray("items");
    return items.stream().map(JsonObject.class::cast).filter(o -> number.equals(o.getString("batchNo"))).findFirst()
        .orElseThrow(() -> new AssertionError("no batch " + number + " in " + items));
  }

  private static JsonArray openWarnings(long household) {
    JsonArray all = zx.http().get(B + "/warnings?householdId=" + household).json().getJsonArray("items");
    return new JsonArray(all.stream().filter(o -> !"settled".equals(((JsonObject) o).getString("state"))).toList());
  }

  private static JsonObject household(long id) {
    return zx.http().get(B + "/households/" + id).json();
  }

  private static long signalsOf(String source) {
    return zx.sql("SELECT count(*) FROM monitoring.signal WHERE source = $1", source).iterator().next().getLong(0);
  }
}
