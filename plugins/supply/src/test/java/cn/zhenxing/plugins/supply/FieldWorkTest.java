package cn.zhenxing.plugins.supply;

import static cn.zhenxing.testkit.Problems.assertInvalidField;
import static cn.zhenxing.testkit.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.Eventually;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: Qixian's enterprises record their winter reserves (one of them jointly with a manufacturer) against the
 * county's share of the 34,900 t target, and the daily check alerts while the reserve falls short in the reserve
 * period; the task force inspects, opens a substandard-fertilizer case and follows it up to closure; services to
 * farmers add up; and the city administrator sees it all per county at /metrics.
 */
class FieldWorkTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().plugin("supply", SupplyPlugin::new)
      .config("metrics.refreshSeconds", "1").build();

  static final String QIXIAN = "/api/v1/supply/counties/140727";
  static final String PINGYAO = "/api/v1/supply/counties/140728";

  static long enterprise(String base, String name) {
    TestResponse r = zx.http().post(base + "/enterprises", new JsonObject().put("name", name));
    assertEquals(201, r.status(), r::toString);
    return r.json().getLong("id");
  }

  static TestResponse reserve(String base, long enterprise, String product, String on, int tonnes, boolean joint) {
    JsonObject body = new JsonObject().put("enterpriseId", enterprise).put("product", product).put("recordedOn", on)
        .put("tonnes", tonnes).put("jointManufacturer", joint);
    if (joint) {
      body.put("manufacturer", "【测试】化肥厂");
    }
    return zx.http().post(base + "/reserves", body);
  }

  @Test
  void reservesCountTheLatestSnapshot_markJointReserves_andAlertBelowTheTargetShare() {
    assertEquals(200, zx.http().put("/api/v1/supply/targets/reserve/140727", new JsonObject().put("tonnes", 3000))
        .status());
    long a = enterprise(QIXIAN, "【测试】祁县农资公司");
    assertEquals(201, reserve(QIXIAN, a, "urea", "2022-11-20", 800, false).status());
    assertEquals(201, reserve(QIXIAN, a, "urea", "2022-12-20", 1200, false).status());
    TestResponse joint = reserve(QIXIAN, a, "compound", "2022-12-20", 900, true);
    assertEquals(201, joint.status(), joint::toString);
    assertTrue(joint.json().getBoolean("jointManufacturer"));

    JsonObject current = zx.http().get(QIXIAN + "/reserves/current?on=2022-12-31").json();
    assertEquals(2100, current.getInteger("tonnes"), current::encode);
    AgreementsTest.assertCounty("140727", current.getJsonArray("products").getJsonObject(0));
    assertEquals(900, current.getInteger("jointTonnes"));
    assertEquals(3000, current.getInteger("target"));
    assertEquals(0.7, current.getDouble("share"));
    JsonObject summary = zx.http().get("/api/v1/supply/reserves/summary?on=2022-12-31").json();
    assertEquals(34900, summary.getInteger("target"));

    zx.clock().set(Instant.parse("2023-01-05T00:00:00Z"));
    assertEquals(200, zx.http().post("/api/v1/jobs/supply/reserve-check/runs?county=140727", null).status());
    JsonObject alerts = zx.http().get(QIXIAN + "/alerts?kind=reserve-low").json();
    assertEquals(1, alerts.getLong("total"));
    AgreementsTest.assertCounty("140727", alerts.getJsonArray("items").getJsonObject(0));
    // Outside the reserve period (11-01 to 03-31 by default) no alert, however low the stock.
    zx.clock().set(Instant.parse("2023-07-05T00:00:00Z"));
    assertEquals(200, zx.http().post("/api/v1/jobs/supply/reserve-check/runs?county=140727", null).status());
    assertEquals(1, zx.http().get(QIXIAN + "/alerts?kind=reserve-low").json().getLong("total"));

    assertInvalidField("tonnes", reserve(QIXIAN, a, "urea", "2022-12-21", -1, false));
    long other = enterprise(PINGYAO, "【测试】平遥农资公司");
    assertInvalidField("enterpriseId", reserve(QIXIAN, other, "urea", "2022-12-21", 1, false));
    TestResponse manufacturerWithoutJoint = zx.http().post(QIXIAN + "/reserves", new JsonObject()
        .put("enterpriseId", a).put("product", "urea").put("recordedOn", "2022-12-22").put("tonnes", 1)
        .put("manufacturer", "x"));
    assertInvalidField("manufacturer", manufacturerWithoutJoint);
  }

  @Test
  void aSubstandardCaseIsFollowedUpToClosure() {
    TestResponse inspection = zx.http().post(QIXIAN + "/inspections", new JsonObject().put("inspectedOn", "2023-03-02")
        .put("placeKind", "village_outlet").put("placeName", "【测试】东观村网点")
        .put("products", new JsonArray().add("compound").add("seed")).put("samples", 3).put("result", "unqualified"));
    assertEquals(201, inspection.status(), inspection::toString);
    assertInvalidField("products[0]", zx.http().post(QIXIAN + "/inspections", new JsonObject()
        .put("inspectedOn", "2023-03-02").put("placeKind", "market").put("placeName", "x")
        .put("products", new JsonArray().add("gold")).put("samples", 1).put("result", "qualified")));

    TestResponse opened = zx.http().post(QIXIAN + "/cases", new JsonObject().put("openedOn", "2023-03-03")
        .put("kind", "substandard").put("product", "compound").put("party", "【测试】经营户")
        .put("description", "养分不足").put("inspectionId", inspection.json().getLong("id")));
    assertEquals(201, opened.status(), opened::toString);
    long id = opened.json().getLong("id");
    assertEquals("open", opened.json().getString("status"));
    assertInvalidField("inspectionId", zx.http().post(PINGYAO + "/cases", new JsonObject()
        .put("openedOn", "2023-03-03").put("kind", "counterfeit").put("product", "seed").put("party", "x")
        .put("description", "y").put("inspectionId", inspection.json().getLong("id"))));

    String followUps = QIXIAN + "/cases/" + id + "/follow-ups";
    assertEquals(201, zx.http().post(followUps, new JsonObject().put("notedOn", "2023-03-05")
        .put("status", "investigating").put("note", "已下架封存")).status());
    assertInvalidField("notedOn", zx.http().post(followUps, new JsonObject().put("notedOn", "2023-03-01")
        .put("status", "closed").put("note", "x")));
    TestResponse closed = zx.http().post(followUps, new JsonObject().put("notedOn", "2023-03-20")
        .put("status", "closed").put("note", "已处罚并退赔农户"));
    assertEquals("closed", closed.json().getString("status"), closed::toString);
    assertEquals("2023-03-20", closed.json().getString("closedOn"));
    assertEquals(2, closed.json().getJsonArray("followUps").size());
    assertProblem(409, zx.http().post(followUps, new JsonObject().put("notedOn", "2023-03-21")
        .put("status", "open").put("note", "x")));
    assertProblem(404, zx.http().get(PINGYAO + "/cases/" + id));

    assertEquals(201, zx.http().post(QIXIAN + "/publicity", new JsonObject().put("heldOn", "2023-03-15")
        .put("title", "【测试】识假辨假宣传").put("participants", 120)).status());
  }

  @Test
  void outletsAndEnterprisesStayInTheirCounty() {
    TestResponse outlet = zx.http().post(PINGYAO + "/outlets", new JsonObject().put("kind", "village_outlet")
        .put("name", "【测试】段村网点").put("township", "段村镇").put("village", "段村"));
    assertEquals(201, outlet.status(), outlet::toString);
    assertInvalidField("village", zx.http().post(PINGYAO + "/outlets", new JsonObject().put("kind", "village_outlet")
        .put("name", "【测试】无村名网点").put("township", "段村镇")));
    assertInvalidField("kind", zx.http().post(PINGYAO + "/outlets", new JsonObject().put("kind", "shop")
        .put("name", "x").put("township", "y")));
    assertProblem(404, zx.http().put(QIXIAN + "/outlets/" + outlet.json().getLong("id"), new JsonObject()
        .put("kind", "service_centre").put("name", "x").put("township", "y")));

    long id = enterprise(PINGYAO, "【测试】平遥惠农农资");
    assertProblem(404, zx.http().get(QIXIAN + "/enterprises/" + id));
    assertInvalidField("kind", zx.http().post(QIXIAN + "/enterprises", new JsonObject().put("name", "x")
        .put("kind", "provincial_group")));
    assertInvalidField("creditCode", zx.http().post(QIXIAN + "/enterprises", new JsonObject().put("name", "y")
        .put("creditCode", "12345")));
    assertEquals("name", assertProblem(409, zx.http().post(PINGYAO + "/enterprises", new JsonObject()
        .put("name", "【测试】平遥惠农农资"))).getJsonArray("errors").getJsonObject(0).getString("field"));
    TestResponse renamed = zx.http().put(PINGYAO + "/enterprises/" + id, new JsonObject().put("name", "【测试】平遥惠农")
        .put("creditCode", "91140728MA0K123456"));
    assertEquals(200, renamed.status(), renamed::toString);
    assertEquals(1, zx.sql("SELECT count(*) FROM core.audit_log WHERE plugin = 'supply' AND object_type = 'enterprise'"
        + " AND action = 'update' AND object_id = $1", String.valueOf(id)).iterator().next().getLong(0));
  }

  @Test
  void servicesAddUp_andMetricsShowTargetsBesideActualsPerCounty() {
    for (int i = 0; i < 2; i++) {
      TestResponse r = zx.http().post(PINGYAO + "/services", new JsonObject().put("kind", "soil_testing")
          .put("servedOn", "2023-04-0" + (i + 1)).put("times", 2).put("areaMu", 350.5).put("households", 40));
      assertEquals(201, r.status(), r::toString);
    }
    assertInvalidField("kind", zx.http().post(PINGYAO + "/services", new JsonObject().put("kind", "dancing")
        .put("servedOn", "2023-04-01").put("times", 1).put("areaMu", 1).put("households", 1)));
    assertInvalidField("areaMu", zx.http().post(PINGYAO + "/services", new JsonObject().put("kind", "training")
        .put("servedOn", "2023-04-01").put("times", 1).put("areaMu", -1).put("households", 1)));
    JsonObject summary = zx.http().get(PINGYAO + "/services/summary").json().getJsonArray("items").getJsonObject(0);
    assertEquals(701, summary.getInteger("areaMu"));
    assertEquals(80, summary.getInteger("households"));
    AgreementsTest.assertCounty("140728", summary);

    assertEquals(200, zx.http().put("/api/v1/supply/targets/agreement/140728", new JsonObject().put("tonnes", 5000))
        .status());
    TestResponse agreed = zx.http().post(PINGYAO + "/agreements", new JsonObject().put("agreementNo", "PY-M-1")
        .put("enterpriseId", enterprise(PINGYAO, "【测试】平遥指标农资")).put("product", "urea").put("tonnes", 1200)
        .put("startsOn", "2022-11-01").put("endsOn", "2023-05-31"));
    assertEquals(201, agreed.status(), agreed::toString);
    long point = zx.http().get(PINGYAO + "/points").json().getJsonArray("items").getJsonObject(0).getLong("id");
    TestResponse reported = zx.http().post(PINGYAO + "/points/" + point + "/reports", new JsonObject()
        .put("period", "2023-04").put("lines", new JsonArray().add(new JsonObject().put("product", "urea")
            .put("retailPrice", 2600).put("cumulativeSales", 10).put("stock", 5).put("purchases", 8))));
    assertEquals(201, reported.status(), reported::toString);

    String metrics = Eventually.poll(Duration.ofSeconds(15), "supply metrics", () -> zx.http().get("/metrics").body(),
        body -> body.contains("zx_supply_services_households{county=\"140728\"} 80.0")
            && body.contains("zx_supply_agreement_target_tonnes{county=\"140728\"} 5000.0")
            && body.contains("zx_supply_agreed_tonnes{county=\"140728\",product=\"urea\"} 1200.0")
            && body.contains("zx_supply_price{county=\"140728\",product=\"urea\"} 2600.0")
            // each gauge refreshes on its own tick: wait for this one too, not only for its neighbours
            && body.contains("zx_supply_delivered_tonnes{county=\"140728\",product=\"urea\"} 0.0"));
    assertTrue(metrics.contains("zx_supply_reserve_target_tonnes{county=\"140728\"}"));
    assertFalse(metrics.contains("zx_supply_agreed_tonnes_urea"), "one gauge with a product label, not a family");
    assertFalse(metrics.contains("zx_supply_price_urea"));
  }
}
