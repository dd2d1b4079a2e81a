package cn.zhenxing.plugins.supply;

import static cn.zhenxing.testkit.Problems.assertInvalidField;
import static cn.zhenxing.testkit.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: the city cooperative finds its seeded agreement with the provincial group and splits the 63,000 t target
 * over the counties; Taigu's clerk registers an enterprise, signs an agreement and records deliveries against it;
 * fulfilment is current at once, over-delivery is flagged, and every bad input is refused naming its field.
 */
class AgreementsTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().plugin("supply", SupplyPlugin::new).build();

  static final String TAIGU = "/api/v1/supply/counties/140703";
  static final String YUCI = "/api/v1/supply/counties/140702";

  @Test
  void theSeedHoldsTheCooperativesTheProvincialGroupAndTheCityAgreement() {
    TestResponse coops = zx.http().get("/api/v1/supply/cooperatives");
    assertEquals(200, coops.status(), coops::toString);
    assertEquals(12, coops.json().getLong("total"));
    // A page past the end has no row to carry the count: the total must still be the list's, not 0.
    TestResponse pastEnd = zx.http().get("/api/v1/supply/cooperatives?offset=22");
    assertEquals(0, pastEnd.json().getJsonArray("items").size(), pastEnd::toString);
    assertEquals(12, pastEnd.json().getLong("total"), pastEnd::toString);
    TestResponse taigu = zx.http().get(TAIGU + "/cooperatives");
    assertEquals(1, taigu.json().getLong("total"), taigu::toString);
    assertEquals("太谷区供销合作社", taigu.json().getJsonArray("items").getJsonObject(0).getString("name"));
    assertCounty("140703", taigu.json().getJsonArray("items").getJsonObject(0));
    assertEquals("application/json; charset=utf-8", taigu.contentType());

    JsonObject city = zx.http().get("/api/v1/supply/agreements").json().getJsonArray("items").getJsonObject(0);
    assertEquals("省农资集团", city.getString("enterpriseName"));
    assertEquals(20000, city.getInteger("tonnes"));
    assertEquals("fertilizer", city.getString("product"));
    assertCounty("140700", city);

    JsonObject targets = zx.http().get("/api/v1/supply/targets").json();
    assertEquals(63000, targets.getJsonObject("agreement").getInteger("city"));
    assertEquals(34900, targets.getJsonObject("reserve").getInteger("city"));
    assertEquals(1, zx.sql("SELECT count(*) FROM supply.enterprise WHERE seed_key IS NOT NULL").iterator().next()
        .getLong(0), "the 23 enterprises are not named by the source and are not invented");
  }

  @Test
  void aCountySignsAnAgreementAndDeliveriesKeepFulfilmentCurrent() {
    assertEquals(200, zx.http().put("/api/v1/supply/targets/agreement/140703",
        new JsonObject().put("tonnes", 6000)).status());
    long enterprise = createEnterprise(zx.http(), TAIGU, "【测试】太谷农资有限公司");
    JsonObject agreement = createAgreement(zx.http(), TAIGU, "TG-2023-01", enterprise, "urea", 1000);
    long id = agreement.getLong("id");
    assertEquals(0, agreement.getInteger("delivered"));

    TestResponse first = deliver(TAIGU, id, "W1", "2023-03-01", 600);
    assertEquals(201, first.status(), first::toString);
    assertEquals("application/json; charset=utf-8", first.contentType());
    assertCounty("140703", first.json());
    assertFalse(first.json().getBoolean("exceedsAgreement"));
    TestResponse second = deliver(TAIGU, id, "W2", "2023-03-10", 500);
    assertEquals(201, second.status(), second::toString);
    assertTrue(second.json().getBoolean("exceedsAgreement"), "over-delivery is allowed but flagged");

    JsonObject read = zx.http().get(TAIGU + "/agreements/" + id).json();
    assertEquals(1100, read.getInteger("delivered"));
    assertCounty("140703", read);
    assertTrue(read.getBoolean("overDelivered"));

    JsonObject fulfilment = zx.http().get(TAIGU + "/fulfilment").json();
    assertEquals(6000, fulfilment.getInteger("target"));
    JsonObject urea = fulfilment.getJsonArray("products").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("product").equals("urea")).findFirst().orElseThrow();
    assertEquals(1000, urea.getInteger("agreed"));
    assertEquals(1100, urea.getInteger("delivered"));
    assertEquals(1.1, urea.getDouble("fulfilment"));

    JsonObject city = zx.http().get("/api/v1/supply/fulfilment").json();
    JsonObject taigu = city.getJsonArray("counties").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("county").equals("140703")).findFirst().orElseThrow();
    assertTrue(taigu.getInteger("delivered") >= 1100, taigu::encode);
    assertEquals(20000, city.getJsonObject("cityAgreements").getInteger("agreed"));

    assertEquals(2, zx.sql("SELECT count(*) FROM core.audit_log WHERE plugin = 'supply' AND object_type = 'delivery'")
        .iterator().next().getLong(0));
  }

  @Test
  void deliveriesOutsideThePeriodOrNotPositiveAreRefusedNamingTheField() {
    long enterprise = createEnterprise(zx.http(), TAIGU, "【测试】太谷种业");
    long id = createAgreement(zx.http(), TAIGU, "TG-2023-02", enterprise, "seed", 50).getLong("id");
    assertInvalidField("deliveredOn", deliver(TAIGU, id, "W1", "2023-07-01", 10));
    assertInvalidField("tonnes", deliver(TAIGU, id, "W2", "2023-03-01", -5));
    assertInvalidField("tonnes", deliver(TAIGU, id, "W3", "2023-03-01", 0));
    assertEquals(201, deliver(TAIGU, id, "W4", "2023-03-01", 10).status());
    assertEquals("reference", assertProblem(409, deliver(TAIGU, id, "W4", "2023-03-02", 10))
        .getJsonArray("errors").getJsonObject(0).getString("field"));

    TestResponse bad = zx.http().post(TAIGU + "/agreements", new JsonObject().put("agreementNo", "X")
        .put("enterpriseId", enterprise).put("product", "gold").put("tonnes", 10)
        .put("startsOn", "2023-05-01").put("endsOn", "2023-04-01"));
    assertInvalidField("product", bad);
    assertInvalidField("endsOn", bad);
    // Another county's enterprise cannot be a party.
    long yuciEnterprise = createEnterprise(zx.http(), YUCI, "【测试】榆次农资");
    assertInvalidField("enterpriseId", zx.http().post(TAIGU + "/agreements", agreementBody("TG-X", yuciEnterprise,
        "urea", 10)));
    // The city split may not exceed the city total.
    assertInvalidField("tonnes", zx.http().put("/api/v1/supply/targets/agreement/140721",
        new JsonObject().put("tonnes", 63000)));
  }

  @Test
  void anotherCountysRowsAreInvisible_andACountyWithoutSupplyIsRefused() {
    long enterprise = createEnterprise(zx.http(), TAIGU, "【测试】太谷化肥");
    long id = createAgreement(zx.http(), TAIGU, "TG-2023-03", enterprise, "potash", 100).getLong("id");
    TestHttp yuciClerk = zx.createUser("yuci-supply", "140702", List.of("county_staff"), List.of("supply"));
    assertProblem(404, zx.http().get(YUCI + "/agreements/" + id));
    assertProblem(404, deliver(YUCI, id, "W1", "2023-03-01", 1));
    assertProblem(403, yuciClerk.get(TAIGU + "/agreements/" + id));
    assertEquals(200, yuciClerk.get(YUCI + "/agreements").status());
    assertProblem(403, yuciClerk.get("/api/v1/supply/fulfilment"));

    zx.setPluginEnabled("supply", false, "140781");
    try {
      JsonObject refused = assertProblem(403, zx.http().get("/api/v1/supply/counties/140781/agreements"));
      assertEquals("/problems/plugin-not-enabled", refused.getString("type"));
    } finally {
      zx.setPluginEnabled("supply", true, "140781");
    }
  }

  @Test
  void theCityRecordsDeliveriesAgainstItsAgreementWithTheProvincialGroup() {
    JsonObject city = zx.http().get("/api/v1/supply/agreements").json().getJsonArray("items").getJsonObject(0);
    TestResponse delivered = deliver("/api/v1/supply", city.getLong("id"), "SX-1", "2023-02-01", 5000);
    assertEquals(201, delivered.status(), delivered::toString);
    assertEquals(5000, zx.http().get("/api/v1/supply/fulfilment").json().getJsonObject("cityAgreements")
        .getInteger("delivered"));
    assertProblem(404, zx.http().get(TAIGU + "/agreements/" + city.getLong("id")));
  }

  @Test
  void theWeeklySummaryKeepsEachCountysFiguresAndTellsTheCounty() {
    zx.clock().set(java.time.Instant.parse("2023-03-06T00:00:00Z"));
    TestResponse run = zx.http().post("/api/v1/jobs/supply/fulfilment-summary/runs?county=140725", null);
    assertEquals(200, run.status(), run::toString);
    assertEquals("succeeded", run.json().getJsonArray("runs").getJsonObject(0).getString("outcome"), run::toString);
    assertEquals(1, zx.sql("SELECT count(*) FROM supply.fulfilment_summary WHERE county_code = '140725'"
        + " AND week_of = '2023-03-06'").iterator().next().getLong(0));
    assertEquals(1, zx.sql("SELECT count(*) FROM core.notification WHERE plugin = 'supply' AND county = '140725'"
        + " AND kind = 'fulfilment-summary'").iterator().next().getLong(0));
  }

  /** Every plugin answers a row's county as {@code "county": "140721"}, never as the column's own name. */
  static void assertCounty(String code, JsonObject row) {
    assertEquals(code, row.getString("county"), row::encode);
    assertFalse(row.containsKey("countyCode"), row::encode);
  }

  static long createEnterprise(TestHttp http, String base, String name) {
    TestResponse r = http.post(base + "/enterprises", new JsonObject().put("name", name));
    assertEquals(201, r.status(), r::toString);
    return r.json().getLong("id");
  }

  static JsonObject agreementBody(String no, long enterprise, String product, int tonnes) {
    return new JsonObject().put("agreementNo", no).put("enterpriseId", enterprise).put("product", product)
        .put("tonnes", tonnes).put("startsOn", "2022-11-01").put("endsOn", "2023-05-31");
  }

  static JsonObject createAgreement(TestHttp http, String base, String no, long enterprise, String product,
      int tonnes) {
    TestResponse r = http.post(base + "/agreements", agreementBody(no, enterprise, product, tonnes));
    assertEquals(201, r.status(), r::toString);
    return r.json();
  }

  static TestResponse deliver(String base, long agreement, String reference, String on, int tonnes) {
    return zx.http().post(base + "/agreements/" + agreement + "/deliveries", new JsonObject()
        .put("reference", reference).put("deliveredOn", on).put("tonnes", tonnes));
  }
}
