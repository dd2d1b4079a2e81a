package cn.zhenxing.plugins.ecommerce;

import static cn.zhenxing.testkit.Problems.assertInvalidField;
import static cn.zhenxing.testkit.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: Qixian's leaders report monthly sales, link households and attend training; the city sets the acceptance
 * criteria, and an e-town is accepted only once it meets them.
 */
class SalesHouseholdAcceptanceTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin("ecommerce", EcommercePlugin::new)
      .build();

  static final String QIXIAN = "140727";
  static final String BASE = "/api/v1/ecommerce/counties/" + QIXIAN;
  static long etown;
  static long leader;
  static long shop;

  @BeforeAll
  static void aCultivatedEtownWithALeaderAndAShop() {
    zx.clock().set(Instant.parse("2024-04-15T02:00:00Z")); // 10:00 in Jinzhong, after the 10th
    etown = created(zx.http().post(BASE + "/etowns", new JsonObject().put("name", "祁县玻璃器皿e镇")
        .put("township", "昭馀镇").put("leadingIndustry", "玻璃器皿").put("listedOn", "2023-01-10")));
    assertEquals(200, zx.http().post(BASE + "/etowns/" + etown + "/status", new JsonObject()
        .put("status", "cultivating").put("on", "2023-02-01")).status());
    leader = created(zx.http().post(BASE + "/leaders", new JsonObject().put("name", "赵刚")
        .put("idNumber", Ids.valid("14072719800101123")).put("etownId", etown)));
    shop = created(zx.http().post(BASE + "/shops", new JsonObject().put("leaderId", leader)
        .put("platform", "pinduoduo").put("name", "祁县琉璃小铺")));
  }

  static long created(TestResponse r) {
    assertEquals(201, r.status(), r::toString);
    return r.json().getLong("id");
  }

  @Test
  void aMonthIsReportedOnce_correctedWithAReason_andLateReportsAreMarked() {
    JsonObject march = new JsonObject().put("shopId", shop).put("month", "2024-03").put("orders", 120)
        .put("salesValue", "35600.50").put("productsSold", 340);
    TestResponse first = zx.http().post(BASE + "/sales-reports", march);
    assertEquals(201, first.status(), first::toString);
    assertTrue(first.json().getBoolean("late"), "due on 10 April, reported on the 15th");
    long id = first.json().getLong("id");

    JsonObject dup = assertProblem(409, zx.http().post(BASE + "/sales-reports", march));
    assertEquals("month", dup.getJsonArray("errors").getJsonObject(0).getString("field"));

    assertInvalidField("reason", zx.http().put(BASE + "/sales-reports/" + id, new JsonObject().put("orders", 121)
        .put("salesValue", 35700).put("productsSold", 341)));
    TestResponse corrected = zx.http().put(BASE + "/sales-reports/" + id, new JsonObject().put("orders", 121)
        .put("salesValue", 35700).put("productsSold", 341).put("reason", "漏计一笔退货冲回 / one order missed"));
    assertEquals(200, corrected.status(), corrected::toString);
    assertEquals(1, corrected.json().getInteger("corrections"));
    JsonObject audit = new JsonObject(zx.sql("SELECT detail::text FROM core.audit_log WHERE action = 'correct'"
        + " AND object_type = 'sales-report' AND object_id = $1", String.valueOf(id)).iterator().next().getString(0));
    assertEquals(120, audit.getJsonObject("before").getInteger("orders"));
    assertEquals(121, audit.getJsonObject("after").getInteger("orders"));

    // Another county cannot read or correct it.
    assertProblem(404, zx.http().get("/api/v1/ecommerce/counties/140728/sales-reports/" + id));
    assertProblem(404, zx.http().put("/api/v1/ecommerce/counties/140728/sales-reports/" + id, new JsonObject()
        .put("orders", 1).put("salesValue", 1).put("productsSold", 1).put("reason", "x")));

    // An e-town may report the sales of its shops that are not registered, once a month too.
    assertEquals(201, zx.http().post(BASE + "/sales-reports", new JsonObject().put("etownId", etown)
        .put("month", "2024-03").put("orders", 10).put("salesValue", 1000).put("productsSold", 12)).status());
  }

  @Test
  void badReportsNameTheField() {
    assertInvalidField("month", zx.http().post(BASE + "/sales-reports", new JsonObject().put("shopId", shop)
        .put("month", "2024-13").put("orders", 1).put("salesValue", 1).put("productsSold", 1)));
    assertInvalidField("month", zx.http().post(BASE + "/sales-reports", new JsonObject().put("shopId", shop)
        .put("month", "2024-04").put("orders", 1).put("salesValue", 1).put("productsSold", 1)));
    assertInvalidField("salesValue", zx.http().post(BASE + "/sales-reports", new JsonObject().put("shopId", shop)
        .put("month", "2024-01").put("orders", 1).put("salesValue", -5).put("productsSold", 1)));
    assertInvalidField("shopId", zx.http().post(BASE + "/sales-reports", new JsonObject()
        .put("month", "2024-01").put("orders", 1).put("salesValue", 5).put("productsSold", 1)));
    // A shop of another county is not one of Qixian's: a broken reference (409), naming the field.
    Refusals.assertConflictField("shopId", zx.http().post("/api/v1/ecommerce/counties/140728/sales-reports",
        new JsonObject().put("shopId", shop).put("month", "2024-01").put("orders", 1).put("salesValue", 5)
            .put("productsSold", 1)));
  }

  @Test
  void householdsAreLinkedByASealedIdNumber_onceForEachWayOfLinking() {
    String head = Ids.valid("14072719700505321");
    JsonObject link = new JsonObject().put("leaderId", leader).put("shopId", shop).put("headName", "孙大娘")
        .put("idNumber", head).put("village", "东关村").put("linkType", "purchase").put("linkedOn", "2023-05-01")
        .put("incomeGained", "3200");
    TestResponse created = zx.http().post(BASE + "/linked-households", link);
    assertEquals(201, created.status(), created::toString);
    assertEquals("140727********" + head.substring(14), created.json().getString("idNumber"));
    assertFalse(created.body().contains(head));
    assertProblem(409, zx.http().post(BASE + "/linked-households", link));
    assertEquals(201, zx.http().post(BASE + "/linked-households", link.copy().put("linkType", "employment")
        .put("incomeGained", 6000)).status());

    long id = created.json().getLong("id");
    assertProblem(404, zx.http().get("/api/v1/ecommerce/counties/140728/linked-households/" + id));
    TestResponse income = zx.http().put(BASE + "/linked-households/" + id, new JsonObject().put("incomeGained", 4100));
    assertEquals(0, new BigDecimal("4100").compareTo(new BigDecimal(income.json().getValue("incomeGained")
        .toString())), income::toString);
    assertInvalidField("incomeGained", zx.http().put(BASE + "/linked-households/" + id,
        new JsonObject().put("incomeGained", "很多")));

    TestResponse found = zx.http().post(BASE + "/linked-households/search", new JsonObject().put("idNumber", head));
    assertEquals(2, found.json().getJsonArray("items").size(), found::toString);
    JsonObject listed = zx.http().get(BASE + "/linked-households?leaderId=" + leader + "&linkType=employment").json();
    assertEquals(1, listed.getLong("total"), listed::encode);
    assertEquals("孙大娘", listed.getJsonArray("items").getJsonObject(0).getString("headName"), listed::encode);

    assertInvalidField("linkType", zx.http().post(BASE + "/linked-households", link.copy().put("linkType", "gift")));
    assertInvalidField("idNumber", zx.http().post(BASE + "/linked-households", link.copy()
        .put("idNumber", "140727197005053210")));
    JsonObject unknownLeader = link.copy().put("leaderId", 999999);
    unknownLeader.remove("shopId");
    Refusals.assertConflictField("leaderId", zx.http().post(BASE + "/linked-households", unknownLeader));
  }

  @Test
  void anEtownIsAcceptedOnlyOnceItMeetsTheCitysCriteria() {
    long town = created(zx.http().post(BASE + "/etowns", new JsonObject().put("name", "祁县验收e镇")
        .put("township", "贾令镇").put("leadingIndustry", "酥梨").put("listedOn", "2023-01-01")));
    zx.http().post(BASE + "/etowns/" + town + "/status", new JsonObject().put("status", "cultivating")
        .put("on", "2023-03-01"));
    JsonObject none = assertProblem(409, zx.http().post(BASE + "/etowns/" + town + "/status",
        new JsonObject().put("status", "accepted")));
    assertEquals("/problems/ecommerce/acceptance-unconfigured", none.getString("type"));

    // Criteria are data the city edits; a county clerk may not.
    var clerk = zx.createUser("qixian-clerk", QIXIAN, List.of("county_staff"), List.of("ecommerce"));
    assertProblem(403, clerk.put("/api/v1/ecommerce/acceptance-criteria/leaders",
        new JsonObject().put("threshold", 0)));
    assertProblem(404, zx.http().put("/api/v1/ecommerce/acceptance-criteria/happiness",
        new JsonObject().put("threshold", 1)));
    assertInvalidField("threshold", zx.http().put("/api/v1/ecommerce/acceptance-criteria/leaders",
        new JsonObject().put("threshold", -1)));
    criterion("leaders", 2);
    criterion("trained_leaders", 1);
    criterion("annual_online_sales", 50000);
    criterion("linked_households", 1);

    long one = created(zx.http().post(BASE + "/leaders", new JsonObject().put("name", "钱多")
        .put("idNumber", Ids.valid("14072719820202222")).put("etownId", town)));
    long oneShop = created(zx.http().post(BASE + "/shops", new JsonObject().put("leaderId", one)
        .put("platform", "taobao").put("name", "贾令酥梨")));
    zx.http().post(BASE + "/sales-reports", new JsonObject().put("shopId", oneShop).put("month", "2024-02")
        .put("orders", 100).put("salesValue", 20000).put("productsSold", 300));

    JsonObject unmet = assertProblem(409, zx.http().post(BASE + "/etowns/" + town + "/status",
        new JsonObject().put("status", "accepted")));
    assertEquals("/problems/ecommerce/acceptance-unmet", unmet.getString("type"));
    List<String> fields = unmet.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList();
    assertEquals(List.of("criteria.annual_online_sales", "criteria.leaders", "criteria.linked_households",
        "criteria.trained_leaders"), fields.stream().sorted().toList());

    long two = created(zx.http().post(BASE + "/leaders", new JsonObject().put("name", "孙旺")
        .put("idNumber", Ids.valid("14072719830303333")).put("etownId", town)));
    TestResponse training = zx.http().post(BASE + "/trainings", new JsonObject().put("title", "直播带货实务")
        .put("heldOn", "2024-03-20").put("hours", 8).put("leaderIds", new JsonArray().add(one).add(leader)));
    assertEquals(201, training.status(), training::toString);
    assertEquals(2, training.json().getJsonArray("attendance").size());
    assertInvalidField("leaderIds[1]", zx.http().put(BASE + "/trainings/" + training.json().getLong("id")
        + "/attendance", new JsonObject().put("leaderIds", new JsonArray().add(one).add(987654))));
    zx.http().post(BASE + "/sales-reports", new JsonObject().put("shopId", oneShop).put("month", "2024-03")
        .put("orders", 150).put("salesValue", 30000).put("productsSold", 420));
    zx.http().post(BASE + "/linked-households", new JsonObject().put("leaderId", two).put("headName", "周婶")
        .put("idNumber", Ids.valid("14072719650606444")).put("linkType", "consignment").put("linkedOn", "2024-01-05")
        .put("incomeGained", 1500));

    JsonObject check = zx.http().get(BASE + "/etowns/" + town + "/acceptance-check").json();
    assertTrue(check.getBoolean("ready"), check::encode);
    TestResponse accepted = zx.http().post(BASE + "/etowns/" + town + "/status",
        new JsonObject().put("status", "accepted"));
    assertEquals(200, accepted.status(), accepted::toString);
    assertEquals("2024-04-15", accepted.json().getString("acceptedOn"));
    assertEquals(0, new BigDecimal("50000").compareTo(new BigDecimal(check.getJsonArray("criteria").stream()
        .map(JsonObject.class::cast).filter(c -> c.getString("measure").equals("annual_online_sales")).findFirst()
        .orElseThrow().getValue("actual").toString())));
  }

  private static void criterion(String measure, int threshold) {
    TestResponse r = zx.http().put("/api/v1/ecommerce/acceptance-criteria/" + measure,
        new JsonObject().put("threshold", threshold));
    assertEquals(200, r.status(), r::toString);
  }
}
