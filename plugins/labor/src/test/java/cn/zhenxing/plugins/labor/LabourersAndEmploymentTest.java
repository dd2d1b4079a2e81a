package cn.zhenxing.plugins.labor;

import static cn.zhenxing.testkit.Problems.assertInvalidField;
import static cn.zhenxing.testkit.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: a county's labour office keeps its brands, registers its alleviated labourers (ID numbers sealed) and their
 * jobs, and asks who was employed on a day; other counties' rows stay invisible, bad input is refused field by field.
 */
class LabourersAndEmploymentTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().plugin("labor", LaborPlugin::new).build();

  private static final String YUSHE = "/api/v1/labor/counties/140721";
  private static final String ZUOQUAN = "/api/v1/labor/counties/140722";

  @Test
  void theSixSeededBrandsBelongToTheirCounties_andACountyAddsItsOwn() {
    JsonArray yushe = zx.http().get(YUSHE + "/brands").json().getJsonArray("items");
    assertEquals("榆社古建维修", yushe.getJsonObject(0).getString("name"));
    assertTrue(yushe.getJsonObject(0).getBoolean("seeded"));
    assertFalse(yushe.getJsonObject(0).getString("trainingStandard").isBlank());
    List<String> all = zx.sql("SELECT county_code || ' ' || name FROM labor.brand WHERE seeded ORDER BY 1").stream()
        .map(r -> r.getString(0)).toList();
    assertEquals(List.of("140721 榆社古建维修", "140722 左权家政服务", "140724 昔阳仿真花", "140725 寿阳美容",
        "140727 祁县琉璃器皿", "140728 平遥推光漆器"), all);

    TestResponse added = zx.http().post(YUSHE + "/brands", new JsonObject().put("name", "榆社小米加工")
        .put("trade", "农产品加工").put("trainingStandard", "60 学时"));
    assertEquals(201, added.status(), added::toString);
    // Every plugin answers a row's county under one name: "county", never "countyCode".
    assertEquals("140721", added.json().getString("county"));
    assertFalse(added.json().containsKey("countyCode"), added::toString);
    assertEquals(1L, count("SELECT count(*) FROM core.audit_log WHERE plugin = 'labor' AND action = 'create'"
        + " AND object_type = 'brand' AND object_id = $1", String.valueOf(added.json().getLong("id"))));

    assertEquals("name", assertProblem(409, zx.http().post(YUSHE + "/brands", new JsonObject()
        .put("name", "榆社小米加工").put("trade", "农产品加工"))).getJsonArray("errors").getJsonObject(0).getString("field"));
    TestResponse bad = zx.http().post(YUSHE + "/brands", new JsonObject().put("name", " ").put("trade",
        "x".repeat(51)));
    assertEquals("必填 / required", assertInvalidField("name", bad));
    assertTrue(assertInvalidField("trade", bad).contains("50"));
    // Another county's brand is not found through this county.
    long yusheBrand = yushe.getJsonObject(0).getLong("id");
    assertProblem(404, zx.http().get(ZUOQUAN + "/brands/" + yusheBrand));
    assertProblem(404, zx.http().put(ZUOQUAN + "/brands/" + yusheBrand, new JsonObject().put("name", "改名")
        .put("trade", "x")));
  }

  @Test
  void aLabourerIsRegisteredOnceWithTheIdNumberSealed_andAnswersOnlyMasked() {
    String idNumber = IdCards.of("140721", 1);
    long brand = brandOf(YUSHE);
    TestResponse created = zx.http().post(YUSHE + "/labourers", labourer("王建华", idNumber)
        .put("skills", new JsonArray().add("木作").add("瓦作")).put("brandId", brand));
    assertEquals(201, created.status(), created::toString);
    JsonObject json = created.json();
    assertEquals("140721********" + idNumber.substring(14), json.getString("idNumberMasked"));
    assertEquals("榆社古建维修", json.getString("brandName"));
    assertEquals("140721", json.getString("county"));
    assertFalse(created.body().contains(idNumber), "no clear ID number in the answer");
    assertEquals(0L, count("SELECT count(*) FROM labor.labourer WHERE id_cipher LIKE '%' || $1 || '%'"
        + " OR id_index = $1 OR id_masked = $1", idNumber), "no clear ID number in the table");
    assertEquals(1L, count("SELECT count(*) FROM core.audit_log WHERE plugin = 'labor' AND object_type = 'labourer'"
        + " AND action = 'create' AND county = '140721' AND object_id = $1", String.valueOf(json.getLong("id"))));

    // The same person again, in this county or another (however spaced), is a conflict.
    assertEquals("idNumber", assertProblem(409, zx.http().post(YUSHE + "/labourers", labourer("王建华", idNumber)))
        .getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals("idNumber", assertProblem(409, zx.http().post(ZUOQUAN + "/labourers",
        labourer("王建华", " " + idNumber + " "))).getJsonArray("errors").getJsonObject(0).getString("field"));

    TestResponse found = zx.http().post(YUSHE + "/labourers/lookup", new JsonObject().put("idNumber", idNumber));
    assertEquals(json.getLong("id"), found.json().getLong("id"));
    assertProblem(404, zx.http().post(ZUOQUAN + "/labourers/lookup", new JsonObject().put("idNumber", idNumber)));

    TestResponse bad = zx.http().post(YUSHE + "/labourers", new JsonObject().put("name", "李四")
        .put("idNumber", "140721198503011234").put("village", "岚峪村").put("brandId", 999999)
        .put("skills", new JsonArray().add("")));
    assertInvalidField("idNumber", bad);
    assertEquals("必填 / required", assertInvalidField("township", bad));
    assertInvalidField("skills[0]", bad);
    // A brand of another county is not one this labourer can have.
    TestResponse otherBrand = zx.http().post(ZUOQUAN + "/labourers", labourer("赵六", IdCards.of("140722", 2))
        .put("brandId", brand));
    assertInvalidField("brandId", otherBrand);

    TestResponse edited = zx.http().put(YUSHE + "/labourers/" + json.getLong("id"), new JsonObject()
        .put("name", "王建华").put("township", "云竹镇").put("village", "云竹村"));
    assertEquals(200, edited.status(), edited::toString);
    assertEquals("云竹镇", edited.json().getString("township"));
    assertProblem(404, zx.http().get(ZUOQUAN + "/labourers/" + json.getLong("id")));
    assertProblem(404, zx.http().put(ZUOQUAN + "/labourers/" + json.getLong("id"), new JsonObject()
        .put("name", "x").put("township", "x").put("village", "x")));
  }

  @Test
  void overlappingJobsCountThePersonOnce_andStatusOnAnyDayIsDerived() {
    long id = zx.http().post(YUSHE + "/labourers", labourer("李秀英", IdCards.of("140721", 3))).json().getLong("id");
    TestResponse first = zx.http().post(YUSHE + "/employments", job(id, "榆社县古建公司", "county", null,
        "2026-01-01", "2026-06-30").put("monthlyIncome", "3200.50").put("foundVia", "brand"));
    assertEquals(201, first.status(), first::toString);
    assertEquals(3200.5, first.json().getDouble("monthlyIncome"));
    assertEquals("140721", first.json().getString("county"));
    TestResponse second = zx.http().post(YUSHE + "/employments", job(id, "北京某修缮公司", "outside", "北京市",
        "2026-03-01", null));
    assertEquals(201, second.status(), second::toString);

    JsonObject march = zx.http().get(YUSHE + "/labourers/" + id + "/status?asOf=2026-03-15").json();
    assertTrue(march.getBoolean("employed"));
    assertTrue(march.getBoolean("outsideProvince"));
    assertEquals(2, march.getJsonArray("employments").size());
    JsonObject february = zx.http().get(YUSHE + "/labourers/" + id + "/status?asOf=2026-02-01").json();
    assertFalse(february.getBoolean("outsideProvince"));
    assertEquals(1, february.getJsonArray("employments").size());
    assertFalse(zx.http().get(YUSHE + "/labourers/" + id + "/status?asOf=2025-12-31").json().getBoolean("employed"));

    long before = zx.http().get(YUSHE + "/employment-summary?asOf=2025-12-31").json().getLong("employed");
    JsonObject summary = zx.http().get(YUSHE + "/employment-summary?asOf=2026-03-15").json();
    assertEquals(before + 1, summary.getLong("employed"), "two jobs, one person: " + summary);
    assertEquals(11_500, summary.getInteger("employedTarget"));
    assertEquals(2L, zx.http().get(YUSHE + "/employments?labourerId=" + id + "&activeOn=2026-03-15").json()
        .getLong("total"));

    TestResponse ended = zx.http().put(YUSHE + "/employments/" + second.json().getLong("id") + "/end",
        new JsonObject().put("endDate", "2026-04-30"));
    assertEquals(200, ended.status(), ended::toString);
    assertFalse(zx.http().get(YUSHE + "/labourers/" + id + "/status?asOf=2026-07-01").json().getBoolean("employed"));
    assertInvalidField("endDate", zx.http().put(YUSHE + "/employments/" + second.json().getLong("id") + "/end",
        new JsonObject().put("endDate", "2025-01-01")));
    assertInvalidField("asOf", zx.http().get(YUSHE + "/labourers/" + id + "/status?asOf=March"));
    assertProblem(404, zx.http().get(ZUOQUAN + "/employments/" + second.json().getLong("id")));
    assertProblem(404, zx.http().put(ZUOQUAN + "/employments/" + second.json().getLong("id") + "/end",
        new JsonObject().put("endDate", "2026-05-01")));
    assertProblem(404, zx.http().get(ZUOQUAN + "/labourers/" + id + "/status"));
  }

  @Test
  void badEmploymentsAreRefusedNamingTheField() {
    long id = zx.http().post(YUSHE + "/labourers", labourer("张国强", IdCards.of("140721", 4))).json().getLong("id");
    assertEquals("省外务工须填写省份 / required when the place is outside the province",
        assertInvalidField("province", zx.http().post(YUSHE + "/employments",
            job(id, "某公司", "outside", null, "2026-01-01", null))));
    assertInvalidField("province", zx.http().post(YUSHE + "/employments",
        job(id, "某公司", "outside", "山西省", "2026-01-01", null)));
    TestResponse many = zx.http().post(YUSHE + "/employments", job(id, "", "abroad", null, "2026-02-30", null)
        .put("foundVia", "intermediary").put("monthlyIncome", -5));
    assertInvalidField("employer", many);
    assertInvalidField("place", many);
    assertInvalidField("startDate", many);
    assertInvalidField("intermediaryId", many);
    assertInvalidField("monthlyIncome", many);
    assertInvalidField("endDate", zx.http().post(YUSHE + "/employments",
        job(id, "某公司", "county", null, "2026-05-01", "2026-04-01")));
    // A labourer of another county cannot be given a job through this county.
    assertInvalidField("labourerId", zx.http().post(ZUOQUAN + "/employments",
        job(id, "某公司", "county", null, "2026-05-01", null)));
    assertEquals(0L, count("SELECT count(*) FROM labor.employment WHERE labourer_id = $1", id));

    assertEquals(201, zx.http().post(YUSHE + "/employments", job(id, "某公司", "county", null, "2026-05-01", null))
        .status());
    JsonObject again = assertProblem(409, zx.http().post(YUSHE + "/employments",
        job(id, "某公司", "county", null, "2026-05-01", null)));
    assertEquals("startDate", again.getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void aClerkSeesOnlyTheirCounty_andACountyThatDisablesLaborIsRefused() {
    TestHttp clerk = zx.createUser("yushe-labor", "140721", List.of("county_staff"), List.of("labor"));
    assertEquals(200, clerk.get(YUSHE + "/labourers").status());
    assertProblem(403, clerk.get(ZUOQUAN + "/labourers"));
    assertProblem(403, clerk.post(ZUOQUAN + "/labourers", labourer("某人", IdCards.of("140722", 9))));
    assertProblem(403, clerk.get("/api/v1/labor/targets"));

    zx.setPluginEnabled("labor", false, "140723");
    try {
      JsonObject refused = assertProblem(403, zx.http().get("/api/v1/labor/counties/140723/labourers"));
      assertEquals("/problems/plugin-not-enabled", refused.getString("type"));
      assertProblem(403, zx.http().post("/api/v1/labor/counties/140723/labourers",
          labourer("和顺人", IdCards.of("140723", 5))));
    } finally {
      zx.setPluginEnabled("labor", true, "140723");
    }
    assertEquals(200, zx.http().get("/api/v1/labor/counties/140723/labourers").status());
  }

  @Test
  void listsPageAndFilter() {
    for (int i = 10; i < 13; i++) {
      zx.http().post(ZUOQUAN + "/labourers", labourer("左权" + i, IdCards.of("140722", i)).put("township", "麻田镇"));
    }
    JsonObject page = zx.http().get(ZUOQUAN + "/labourers?township=麻田镇&limit=2").json();
    assertEquals(3L, page.getLong("total"));
    assertEquals(2, page.getJsonArray("items").size());
    assertEquals(List.of("左权12"), zx.http().get(ZUOQUAN + "/labourers?township=麻田镇&limit=2&offset=2").json()
        .getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("name")).collect(Collectors.toList()));
    // A page past the end has no row to carry the count: the total must still be the filter's, not 0.
    JsonObject pastEnd = zx.http().get(ZUOQUAN + "/labourers?township=麻田镇&offset=13").json();
    assertEquals(0, pastEnd.getJsonArray("items").size());
    assertEquals(3L, pastEnd.getLong("total"));
    assertInvalidField("limit", zx.http().get(ZUOQUAN + "/labourers?limit=0"));
    assertInvalidField("place", zx.http().get(ZUOQUAN + "/employments?place=abroad"));
    assertInvalidField("brandId", zx.http().get(ZUOQUAN + "/labourers?brandId=x"));
  }

  static JsonObject labourer(String name, String idNumber) {
    return new JsonObject().put("name", name).put("idNumber", idNumber).put("township", "箕城镇")
        .put("village", "东河村");
  }

  static JsonObject job(long labourerId, String employer, String place, String province, String start, String end) {
    return new JsonObject().put("labourerId", labourerId).put("employer", employer).put("place", place)
        .put("province", province).put("sector", "建筑业").put("startDate", start).put("endDate", end)
        .put("foundVia", "self");
  }

  private static long brandOf(String county) {
    return zx.http().get(county + "/brands").json().getJsonArray("items").getJsonObject(0).getLong("id");
  }

  private static long count(String sql, Object... params) {
    return zx.sql(sql, params).iterator().next().getLong(0);
  }
}
