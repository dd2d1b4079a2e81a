package cn.zhenxing.plugins.monitoring;

import static cn.zhenxing.plugins.monitoring.Cases.base;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.Eventually;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Spreadsheet import and export of the register, and the demo population. */
class SheetsAndDemoTest {

  /** 660 in the build; {@code -Dzx.demo.households=200000} times the generator at scale. */
  private static final int DEMO = Integer.getInteger("zx.demo.households", 660);

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin("monitoring", MonitoringPlugin::new)
      .config("demoData", "true")
      .config("plugins.monitoring.demo.households", String.valueOf(DEMO))
      .build();

  private static final String YUSHE = "140721";

  @Test
  void householdsAndMembersAreImported_reimportUpdates_andExportIsMasked() {
    String head = Cases.idNumber(YUSHE, "1970-01-01");
    String child = Cases.idNumber(YUSHE, "2012-02-02");
    String households = "户编号,乡镇,行政村,户主姓名,户主身份证号,户主出生日期,户类型,易地搬迁户,安置社区,人均纯收入（元）,收入起始月\n"
        + "S-0001,城关镇,东关村,郭海平," + head + ",1970-01-01,脱贫户,是,幸福家园,7300,2025-01-01\n";
    JsonObject done = importCsv("households", households);
    assertEquals("imported", done.getString("state"), done::encode);
    String members = "户编号,姓名,身份证号,与户主关系,出生日期,劳动能力,健康状况,在校情况,主要劳动力\n"
        + "S-0001,郭小燕," + child + ",子女,2012-02-02,无劳动力,健康,在校生,否\n";
    assertEquals("imported", importCsv("members", members).getString("state"));
    assertEquals("imported", importCsv("households", households.replace("7300", "7600")).getString("state"));

    TestResponse found = zx.http().get(base(YUSHE) + "/households?idNumber=" + child);
    assertEquals(1, found.json().getLong("total"), found::toString);
    JsonObject h = found.json().getJsonArray("items").getJsonObject(0);
    assertEquals("7600.00", h.getString("incomePerCapita"));
    assertTrue(h.getBoolean("relocated"));
    assertEquals(2, zx.http().get(base(YUSHE) + "/households/" + h.getLong("id")).json().getJsonArray("members").size());

    HttpResponse<byte[]> csv = zx.http().download(base(YUSHE) + "/sheets/households/export?format=csv&village=东关村");
    assertEquals(200, csv.statusCode());
    String text = new String(csv.body(), StandardCharsets.UTF_8);
    assertTrue(text.contains("S-0001") && text.contains(head.substring(0, 6) + "********"), text);
    assertFalse(text.contains(head), "exports are masked");

    String elsewhere = "户编号,乡镇,行政村,户主姓名,户主身份证号,户主出生日期,户类型,易地搬迁户,安置社区,人均纯收入（元）,收入起始月\n"
        + "S-0002,城关镇,东关村,郭二虎," + child + ",2012-02-02,脱贫户,否,,,\n";
    JsonObject rejected = importCsv("households", elsewhere);
    assertEquals("rejected", rejected.getString("state"), "a member's ID number cannot become another household's head");
    assertEquals(2, rejected.getJsonArray("errors").getJsonObject(0).getInteger("row"), rejected::encode);
  }

  @Test
  void theDemoPopulationCoversTheElevenCountiesMarkedAsDemo() {
    var rows = zx.sql("SELECT count(DISTINCT county_code) AS counties, count(*) AS n, bool_and(demo) AS demo,"
        + " bool_and(household_no LIKE 'DEMO-%') AS numbered, count(*) FILTER (WHERE risk_state = 'monitored') AS mon,"
        + " bool_and(head_name LIKE '【演示】%') AS named FROM monitoring.household WHERE demo");
    Row r = rows.iterator().next();
    assertEquals(11, r.getLong("counties"));
    assertEquals(DEMO, r.getLong("n"));
    assertTrue(r.getBoolean("numbered"));
    assertTrue(r.getBoolean("named"), "demo people are named as demo");
    assertTrue(r.getLong("mon") > 0);
    Row m = zx.sql("SELECT count(*) AS n, count(DISTINCT id_index) AS distinct_ids,"
        + " count(*) FILTER (WHERE relation = '户主') AS heads, bool_and(name LIKE '【演示】%') AS named"
        + " FROM monitoring.member WHERE demo").iterator().next();
    assertTrue(m.getBoolean("named"));
    assertEquals(DEMO, m.getLong("heads"));
    assertEquals(m.getLong("n"), m.getLong("distinct_ids"));
    assertTrue(m.getLong("n") > DEMO * 2L, "households have several members");
    Row programmes = zx.sql("SELECT (SELECT count(*) FROM monitoring.insurance_policy WHERE demo) AS policies,"
        + " (SELECT count(*) FROM monitoring.insurance_coverage c JOIN monitoring.insurance_policy p"
        + "   ON p.id = c.policy_id WHERE p.demo) AS covered,"
        + " (SELECT count(*) FROM monitoring.household WHERE demo AND risk_state = 'monitored') AS objects,"
        + " (SELECT count(*) FROM monitoring.resettlement_community WHERE demo) AS communities,"
        + " (SELECT count(*) FROM monitoring.five_good_assessment) AS assessments,"
        + " (SELECT count(*) FROM monitoring.joint_meeting WHERE demo) AS meetings,"
        + " (SELECT count(*) FROM monitoring.meeting_decision) AS decisions").iterator().next();
    assertTrue(programmes.getLong("policies") > 0);
    assertTrue(programmes.getLong("covered") > 0 && programmes.getLong("covered") < programmes.getLong("objects"),
        "most monitoring objects are insured, not all");
    assertTrue(programmes.getLong("communities") > 0);
    assertEquals(programmes.getLong("communities"), programmes.getLong("assessments"));
    int quarter = (Cases.today(zx).getMonthValue() - 1) / 3 + 1;
    assertEquals(11L * quarter, programmes.getLong("meetings"));
    assertEquals(2 * programmes.getLong("meetings"), programmes.getLong("decisions"));
    // 序时进度: this year's plans up to the current quarter, every task of the catalogue, for the 11 counties
    assertEquals(11L * quarter * 8, zx.sql("SELECT count(*) FROM monitoring.schedule_plan WHERE demo").iterator().next()
        .getLong(0));
    assertTrue(zx.http().get("/api/v1/monitoring/schedule/" + Cases.today(zx).getYear() + "/" + quarter).json()
        .getJsonArray("counties").stream().allMatch(c -> ((JsonObject) c).getBoolean("planned")));
    Eventually.poll(Duration.ofSeconds(40), "the demo households in the metrics",
        () -> zx.anonymous().get("/metrics").body(),
        b -> b.lines().anyMatch(l -> l.startsWith("zx_monitoring_households_alleviated{") && !l.endsWith(" 0.0")));
  }

  private JsonObject importCsv(String register, String csv) {
    return zx.http().importSheet(base(YUSHE) + "/sheets/" + register, "", "text/csv",
        csv.getBytes(StandardCharsets.UTF_8));
  }
}
