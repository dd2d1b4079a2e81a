package cn.zhenxing.plugins.ecommerce;

import static cn.zhenxing.testkit.Problems.assertInvalidField;
import static cn.zhenxing.testkit.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Story: a county registers its e-towns and leaders; other counties and disabled counties see nothing of them. */
class EtownLeaderTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin("ecommerce", EcommercePlugin::new)
      .build();

  static final String TAIGU = "140703";
  static final String BASE = "/api/v1/ecommerce/counties/" + TAIGU;

  @Test
  void aCandidateEtownIsRegisteredAndCultivated_andInvalidMovesAreRefused() {
    TestResponse created = zx.http().post(BASE + "/etowns", new JsonObject().put("name", "阳邑中药材e镇")
        .put("township", "阳邑乡").put("leadingIndustry", "中药材").put("operator", "太谷某电商运营公司")
        .put("listedOn", "2023-06-01").put("fundsPlanned", "500000").put("fundsSpent", 120000.5));
    assertEquals(201, created.status(), created::toString);
    JsonObject etown = created.json();
    assertEquals("candidate", etown.getString("status"));
    assertEquals(0, new java.math.BigDecimal("379999.50").compareTo(new java.math.BigDecimal(
        etown.getValue("fundsRemaining").toString())));
    long id = etown.getLong("id");

    assertProblem(409, zx.http().post(BASE + "/etowns/" + id + "/status", new JsonObject().put("status", "accepted")));
    TestResponse moved = zx.http().post(BASE + "/etowns/" + id + "/status",
        new JsonObject().put("status", "cultivating").put("on", "2023-07-01"));
    assertEquals(200, moved.status(), moved::toString);
    assertEquals("application/json; charset=utf-8", moved.contentType(), "answered through the SDK's Answers");
    assertEquals("2023-07-01", moved.json().getString("cultivatingSince"));
    assertProblem(409, zx.http().post(BASE + "/etowns/" + id + "/status",
        new JsonObject().put("status", "cultivating")));
    assertEquals(1L, zx.sql("SELECT count(*) FROM core.audit_log WHERE object_type = 'etown' AND action = 'status'"
        + " AND object_id = $1", String.valueOf(id)).iterator().next().getLong(0));
  }

  @Test
  void aLeaderIsRegisteredWithSealedNumbers_answeredMasked_andTheSamePersonTwiceIsAConflict() {
    long etown = zx.http().post(BASE + "/etowns", new JsonObject().put("name", "胡村e镇").put("township", "胡村镇")
        .put("leadingIndustry", "太谷饼")).json().getLong("id");
    String idNumber = Ids.valid("14070319850312123");
    TestResponse created = zx.http().post(BASE + "/leaders", new JsonObject().put("name", "王丽").put("idNumber",
        idNumber).put("phone", "13812345678").put("etownId", etown).put("cohort", "2023年第1期"));
    assertEquals(201, created.status(), created::toString);
    JsonObject leader = created.json();
    assertEquals("140703********" + idNumber.substring(14), leader.getString("idNumber"));
    assertEquals("138****5678", leader.getString("phone"));
    assertTrue(!created.body().contains(idNumber) && !created.body().contains("13812345678"), created::toString);
    assertEquals(0L, zx.sql("SELECT count(*) FROM ecommerce.leader WHERE id_cipher LIKE $1 OR id_index = $2",
        "%" + idNumber + "%", idNumber).iterator().next().getLong(0), "no clear number stored");

    JsonObject bad = assertProblem(422, zx.http().post(BASE + "/leaders", new JsonObject()
        .put("idNumber", idNumber.substring(0, 17) + "0").put("phone", "12345").put("cohort", "x".repeat(31))));
    assertEquals(java.util.Set.of("name", "idNumber", "phone", "cohort"), bad.getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).collect(java.util.stream.Collectors.toSet()),
        "a bad number joins the other bad fields in one answer: " + bad.encode());

    JsonObject dup = assertProblem(409, zx.http().post(BASE + "/leaders", new JsonObject().put("name", "王丽")
        .put("idNumber", idNumber.toLowerCase())));
    assertEquals("idNumber", dup.getJsonArray("errors").getJsonObject(0).getString("field"));
    // The same person in another county is the same leader: refused too.
    assertProblem(409, zx.http().post("/api/v1/ecommerce/counties/140721/leaders", new JsonObject()
        .put("name", "王丽").put("idNumber", idNumber)));

    TestResponse shop = zx.http().post(BASE + "/shops", new JsonObject().put("leaderId", leader.getLong("id"))
        .put("platform", "douyin").put("name", "王丽太谷饼小店").put("openedOn", "2023-03-01"));
    assertEquals(201, shop.status(), shop::toString);
    assertEquals("抖音", shop.json().getString("platformName"));
    assertInvalidField("platform", zx.http().post(BASE + "/shops", new JsonObject()
        .put("leaderId", leader.getLong("id")).put("platform", "myspace").put("name", "x")));

    TestResponse product = zx.http().post(BASE + "/products", new JsonObject().put("name", "太谷饼")
        .put("category", "糕点").put("certification", "geographical_indication").put("etownId", etown));
    assertEquals(201, product.status(), product::toString);
    assertInvalidField("certification", zx.http().post(BASE + "/products", new JsonObject().put("name", "某产品")
        .put("category", "杂粮").put("certification", "famous")));
    JsonObject shops = zx.http().get(BASE + "/shops?leaderId=" + leader.getLong("id")).json();
    assertEquals(1, shops.getLong("total"), shops::encode);
    assertEquals("王丽", shops.getJsonArray("items").getJsonObject(0).getString("leaderName"), shops::encode);
    JsonObject products = zx.http().get(BASE + "/products?etownId=" + etown).json();
    assertEquals(1, products.getLong("total"), products::encode);
    assertEquals("太谷饼", products.getJsonArray("items").getJsonObject(0).getString("name"), products::encode);

    assertInvalidField("idNumber", zx.http().put(BASE + "/leaders/" + leader.getLong("id"),
        new JsonObject().put("idNumber", Ids.valid("14070319850312999"))));
    assertInvalidField("etownId", zx.http().put(BASE + "/leaders/" + leader.getLong("id"),
        new JsonObject().put("etownId", "胡村")));  // refused by the OpenAPI document before the handler
    TestResponse renamed = zx.http().put(BASE + "/leaders/" + leader.getLong("id"),
        new JsonObject().put("cohort", "2023年第2期").put("phone", "0354-3012345"));
    assertEquals(200, renamed.status(), renamed::toString);
    assertEquals("0354-***2345", renamed.json().getString("phone"));

    JsonObject read = zx.http().get(BASE + "/leaders/" + leader.getLong("id")).json();
    assertEquals(1, read.getJsonArray("shopList").size());
    assertEquals("胡村e镇", read.getString("etownName"));
    assertEquals(1L, zx.sql("SELECT count(*) FROM core.audit_log WHERE object_type = 'leader' AND action = 'create'")
        .iterator().next().getLong(0));
  }

  @Test
  void anotherCountysRowsAreInvisible_andItsClerkIsRefused() {
    long yushe = zx.http().post("/api/v1/ecommerce/counties/140721/etowns", new JsonObject().put("name", "榆社e镇")
        .put("township", "箕城镇").put("leadingIndustry", "小米")).json().getLong("id");
    assertProblem(404, zx.http().get(BASE + "/etowns/" + yushe));
    assertProblem(404, zx.http().put(BASE + "/etowns/" + yushe, new JsonObject().put("operator", "某公司")));
    assertProblem(404, zx.http().post(BASE + "/etowns/" + yushe + "/status",
        new JsonObject().put("status", "cultivating")));
    // A Taigu leader cannot be put into Yushe's e-town: the reference is refused (409), naming the field.
    Refusals.assertConflictField("etownId", zx.http().post(BASE + "/leaders", new JsonObject().put("name", "李强")
        .put("idNumber", Ids.valid("14070319900101456")).put("etownId", yushe)));

    var clerk = zx.createUser("yushe-clerk", "140721", java.util.List.of("county_staff"),
        java.util.List.of("ecommerce"));
    assertEquals(200, clerk.get("/api/v1/ecommerce/counties/140721/etowns").status());
    assertProblem(403, clerk.get(BASE + "/etowns"));
    assertProblem(403, clerk.post(BASE + "/etowns", new JsonObject().put("name", "x").put("township", "y")
        .put("leadingIndustry", "z")));
  }

  @Test
  void aCountyThatDoesNotEnableTheProgrammeIsRefused() {
    String lingshi = "/api/v1/ecommerce/counties/140729";
    zx.setPluginEnabled("ecommerce", false, "140729");
    try {
      assertProblem(403, zx.http().get(lingshi + "/etowns"));
      assertProblem(403, zx.http().post(lingshi + "/etowns", new JsonObject().put("name", "灵石e镇")
          .put("township", "静升镇").put("leadingIndustry", "文旅")));
    } finally {
      zx.setPluginEnabled("ecommerce", true, "140729");
    }
    assertEquals(200, zx.http().get(lingshi + "/etowns").status());
  }

  @Test
  void theSpreadsheetTemplatesAreServed() {
    for (String register : java.util.List.of("leaders", "sales-reports", "linked-households")) {
      var r = zx.http().download(BASE + "/sheets/" + register + "/template");
      assertEquals(200, r.statusCode(), register);
      assertTrue(r.body().length > 1000, register);
    }
  }

  @Test
  void badEtownInputNamesTheField() {
    TestResponse r = zx.http().post(BASE + "/etowns", new JsonObject().put("name", "超支e镇").put("township", "某乡")
        .put("leadingIndustry", "杂粮").put("fundsPlanned", 100).put("fundsSpent", 101));
    assertTrue(assertInvalidField("fundsSpent", r).contains("exceed"));
    assertInvalidField("township", zx.http().post(BASE + "/etowns", new JsonObject().put("name", "无乡镇e镇")
        .put("leadingIndustry", "杂粮")));
    assertInvalidField("fundsSpent", zx.http().post(BASE + "/etowns", new JsonObject().put("name", "负数e镇")
        .put("township", "负数乡").put("leadingIndustry", "杂粮").put("fundsSpent", -1)));
  }
}
