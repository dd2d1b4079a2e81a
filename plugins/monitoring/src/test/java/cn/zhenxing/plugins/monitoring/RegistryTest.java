package cn.zhenxing.plugins.monitoring;

import static cn.zhenxing.plugins.monitoring.Cases.base;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The register over HTTP: households, members, history, search, masking, and the refusals. */
class RegistryTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin("monitoring", MonitoringPlugin::new)
      .build();

  private static final String YUSHE = "140721";

  @Test
  void aHouseholdIsRegisteredWithMaskedIds_searchableByExactIdNumber_andAudited() {
    String headId = Cases.idNumber(YUSHE, "1978-03-05");
    long id = Cases.createHousehold(zx.http(), YUSHE, "R-0001", headId, "6800");

    TestResponse got = zx.http().get(base(YUSHE) + "/households/" + id);
    assertEquals(200, got.status(), got::toString);
    JsonObject h = got.json();
    assertEquals("王建国", h.getString("headName"));
    assertEquals("2025-12-31", h.getString("incomeTo"));
    assertEquals("normal", h.getString("riskState"));
    JsonObject head = h.getJsonArray("members").getJsonObject(0);
    assertEquals(headId.substring(0, 6) + "********" + headId.substring(14), head.getString("idNumberMasked"));
    assertFalse(got.body().contains(headId), "the full ID number never leaves the server");

    TestResponse found = zx.http().get(base(YUSHE) + "/households?idNumber=" + headId);
    assertEquals(1, found.json().getLong("total"), found::toString);
    assertEquals(id, found.json().getJsonArray("items").getJsonObject(0).getLong("id"));
    assertEquals(0, zx.http().get(base(YUSHE) + "/households?idNumber=" + Cases.idNumber(YUSHE, "1990-01-01"))
        .json().getLong("total"));
    assertEquals(1, zx.http().get(base(YUSHE) + "/households?name=李秀英&village=王家庄村").json().getLong("total"));
    long all = zx.http().get(base(YUSHE) + "/households").json().getLong("total");
    JsonObject beyond = zx.http().get(base(YUSHE) + "/households?offset=" + (all + 100)).json();
    assertEquals(0, beyond.getJsonArray("items").size());
    assertEquals(all, beyond.getLong("total"), "a page past the end still tells the total");

    assertEquals(1, zx.sql("SELECT count(*) FROM core.audit_log WHERE plugin = 'monitoring' AND action = 'create'"
        + " AND object_type = 'household' AND object_id = $1", String.valueOf(id)).iterator().next().getLong(0));
    assertEquals(0, zx.sql("SELECT count(*) FROM monitoring.member WHERE id_cipher LIKE $1 OR id_index = $1",
        "%" + headId + "%").iterator().next().getLong(0), "stored sealed, not in clear");
  }

  @Test
  void aSignalNamingAPersonByIdNumberFindsTheHousehold_andAnUnknownPersonIsKeptUnmatched() {
    String spouse = Cases.idNumber(YUSHE, "1981-01-01");
    JsonObject body = Cases.household(YUSHE, "R-0007", Cases.idNumber(YUSHE, "1979-09-09"), null);
    body.getJsonArray("members").getJsonObject(1).put("idNumber", spouse);
    long id = zx.http().post(base(YUSHE) + "/households", body).json().getLong("id");
    JsonObject signal = new JsonObject().put("channel", "部门筛查").put("department", "医保").put("idNumber", spouse)
        .put("riskKind", "illness").put("amount", "4000").put("source", "医保局 2026 年第 11 批")
        .put("occurredOn", Cases.today(zx).toString());
    TestResponse below = zx.http().post(base(YUSHE) + "/signals", signal);
    assertEquals(201, below.status(), below::toString);
    assertEquals(id, below.json().getLong("householdId"));
    assertEquals("below-threshold", below.json().getString("outcome"), "4000 < 5000 for an alleviated household");
    assertFalse(below.body().contains(spouse));

    TestResponse unknown = zx.http().post(base(YUSHE) + "/signals", signal.copy()
        .put("idNumber", Cases.idNumber(YUSHE, "1990-10-10")).put("channel", "12317热线").putNull("department"));
    assertEquals("unmatched", unknown.json().getString("outcome"), unknown::toString);
    assertInvalidField("department", zx.http().post(base(YUSHE) + "/signals", signal.copy().putNull("department")));
    assertInvalidField("householdId", zx.http().post(base(YUSHE) + "/signals", signal.copy().put("householdId", id)));
  }

  @Test
  void aWarningSettledAsNoRiskReturnsTheHouseholdToNormal_andMeasuresOfAnotherCountyAre404() {
    long id = Cases.createHousehold(zx.http(), YUSHE, "R-0008", Cases.idNumber(YUSHE, "1973-03-03"), null);
    TestResponse signal = zx.http().post(base(YUSHE) + "/signals", new JsonObject().put("channel", "网格社会")
        .put("householdId", id).put("riskKind", "drinking-water").put("source", "网格员")
        .put("occurredOn", Cases.today(zx).toString()));
    assertEquals("warned", signal.json().getString("outcome"), signal::toString);
    assertEquals("warned", zx.http().get(base(YUSHE) + "/households/" + id).json().getString("riskState"));
    long warning = zx.http().get(base(YUSHE) + "/warnings?householdId=" + id).json().getJsonArray("items")
        .getJsonObject(0).getLong("id");
    assertInvalidField("settlement", zx.http().post(base(YUSHE) + "/warnings/" + warning + "/settle",
        new JsonObject().put("settlement", "maybe")));
    assertEquals(200, zx.http().post(base(YUSHE) + "/warnings/" + warning + "/visit",
        new JsonObject().put("note", "已接通自来水")).status());
    TestResponse settled = zx.http().post(base(YUSHE) + "/warnings/" + warning + "/settle",
        new JsonObject().put("settlement", "no-risk"));
    assertEquals("settled", settled.json().getString("state"), settled::toString);
    assertEquals("normal", zx.http().get(base(YUSHE) + "/households/" + id).json().getString("riskState"));

    TestResponse measure = zx.http().post(base(YUSHE) + "/households/" + id + "/measures", new JsonObject()
        .put("kind", "housing").put("responsibleUnit", "住建局").put("startOn", Cases.today(zx).toString()));
    assertEquals(201, measure.status(), measure::toString);
    assertProblem(404, zx.http().put(base("140722") + "/measures/" + measure.json().getLong("id"),
        new JsonObject().put("status", "completed")));
    assertInvalidField("kind", zx.http().post(base(YUSHE) + "/households/" + id + "/measures", new JsonObject()
        .put("kind", "cash").put("responsibleUnit", "住建局").put("startOn", Cases.today(zx).toString())));
  }

  @Test
  void everyChangeIsKeptInTheTimeline() {
    long id = Cases.createHousehold(zx.http(), YUSHE, "R-0002", Cases.idNumber(YUSHE, "1970-01-01"), null);
    TestResponse changed = zx.http().put(base(YUSHE) + "/households/" + id, new JsonObject()
        .put("relocated", true).put("resettlementCommunity", "幸福家园").put("incomePerCapita", "9100.50")
        .put("incomeFrom", "2025-07-01"));
    assertEquals(200, changed.status(), changed::toString);
    assertEquals("2026-06-30", changed.json().getString("incomeTo"));
    TestResponse member = zx.http().post(base(YUSHE) + "/households/" + id + "/members",
        Cases.member("王小军", Cases.idNumber(YUSHE, "2010-05-05"), "子女", "2010-05-05", "无劳动力", false)
            .put("schooling", "在校生"));
    assertEquals(201, member.status(), member::toString);

    JsonArray timeline = zx.http().get(base(YUSHE) + "/households/" + id + "/history").json().getJsonArray("items");
    assertEquals(List.of("create", "update", "member-added"),
        timeline.stream().map(o -> ((JsonObject) o).getString("action")).toList());
    JsonObject update = timeline.getJsonObject(1);
    assertEquals("admin", update.getString("actor"));
    assertEquals("幸福家园", update.getJsonObject("detail").getJsonObject("resettlementCommunity").getString("to"));
    assertEquals("9100.50", update.getJsonObject("detail").getJsonObject("incomePerCapita").getString("to"));
  }

  @Test
  void aDuplicateIdNumberAcrossHouseholdsIs409NamingTheField() {
    String shared = Cases.idNumber(YUSHE, "1965-02-02");
    Cases.createHousehold(zx.http(), YUSHE, "R-0003", shared, null);
    JsonObject second = Cases.household("140722", "R-0003", Cases.idNumber("140722", "1966-06-06"), null);
    second.getJsonArray("members").getJsonObject(1).put("idNumber", shared);
    TestResponse r = zx.http().post(base("140722") + "/households", second);
    JsonObject problem = assertProblem(409, r);
    assertTrue(problem.getString("detail").startsWith("members[1].idNumber"), problem::encode);
  }

  @Test
  void badInputIs422NamingEveryField() {
    JsonObject body = Cases.household(YUSHE, "R-0004", "110101199003071235", null)
        .put("category", "贫困户").put("incomePerCapita", "-5").put("relocated", true);
    body.getJsonArray("members").getJsonObject(1).put("relation", "户主").put("birthDate", "2099-01-01");
    TestResponse r = zx.http().post(base(YUSHE) + "/households", body);
    assertInvalidField("category", r);
    assertInvalidField("incomePerCapita", r);
    assertInvalidField("resettlementCommunity", r);
    assertInvalidField("members[0].idNumber", r);
    assertInvalidField("members[1].birthDate", r);
    assertInvalidField("members", r);
    assertInvalidField("riskState", zx.http().get(base(YUSHE) + "/households?riskState=whatever"));
    Cases.createHousehold(zx.http(), YUSHE, "R-0006", Cases.idNumber(YUSHE, "1977-01-01"), null);
    JsonObject taken = assertProblem(409, zx.http().post(base(YUSHE) + "/households",
        Cases.household(YUSHE, "R-0006", Cases.idNumber(YUSHE, "1977-01-02"), null)));
    assertTrue(taken.getString("detail").startsWith("householdNo"), taken::encode);
  }

  @Test
  void anotherCountysHouseholdIsInvisible_andADisabledCountyIs403() {
    long id = Cases.createHousehold(zx.http(), YUSHE, "R-0005", Cases.idNumber(YUSHE, "1972-02-02"), null);
    TestHttp zuoquanClerk = zx.createUser("zq-clerk", "140722", List.of("county_staff"), List.of("monitoring"));
    assertProblem(403, zuoquanClerk.get(base(YUSHE) + "/households/" + id));
    assertProblem(404, zx.http().get(base("140722") + "/households/" + id));
    assertProblem(404, zx.http().put(base("140722") + "/households/" + id, new JsonObject().put("village", "外村")));
    assertProblem(404, zx.http().post(base("140722") + "/signals", new JsonObject().put("channel", "干部走访")
        .put("householdId", id).put("riskKind", "other").put("source", "走访").put("occurredOn",
            Cases.today(zx).toString())));

    zx.setPluginEnabled("monitoring", false, "140781");
    assertProblem(403, zx.http().get(base("140781") + "/households"));
    zx.setPluginEnabled("monitoring", true, "140781");
  }
}
