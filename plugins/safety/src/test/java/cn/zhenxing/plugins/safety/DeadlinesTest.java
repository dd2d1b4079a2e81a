package cn.zhenxing.plugins.safety;

import static cn.zhenxing.plugins.safety.Fixtures.createEnterprise;
import static cn.zhenxing.plugins.safety.Fixtures.hazard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: days pass; hazards still open after their deadline become overdue — a general one is escalated to the
 * county, a major one to the city — exactly once; at the start of the next quarter each enterprise's hazards of the
 * quarter are counted.
 */
class DeadlinesTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().plugin("safety", SafetyPlugin::new).build();

  static final String YUCI = "140702";
  static final String BASE = "/api/v1/safety/counties/" + YUCI;

  @BeforeAll
  static void enable() {
    Support.enable(zx, YUCI);
    zx.createUser("yuci-inbox", YUCI, List.of("county_staff"), List.of("safety"));
  }

  @AfterEach
  void backToNow() {
    zx.clock().set(Instant.now());
  }

  /** A fresh session: moving the clock days ahead ends the old ones. */
  private static TestHttp admin() {
    return zx.login(ZhenxingExtension.ADMIN, ZhenxingExtension.ADMIN_PASSWORD);
  }

  @Test
  void hazardsPastTheirDeadlineBecomeOverdue_andAreEscalatedOnce() {
    TestHttp http = admin();
    long enterprise = createEnterprise(http, YUCI, "榆次区焦化厂", 1);
    LocalDate today = Fixtures.today(zx);
    // A code that reads like a phone number: notifications refuse it, the escalation still goes out, by id.
    long general = Support.created(http.post(BASE + "/hazards", hazard(enterprise, "general", today,
        today.plusDays(2)).put("code", "13912345678"))).getLong("id");
    long major = Support.created(http.post(BASE + "/hazards", hazard(enterprise, "major", today,
        today.plusDays(2)))).getLong("id");
    long done = Support.created(http.post(BASE + "/hazards", hazard(enterprise, "general", today,
        today.plusDays(2)))).getLong("id");
    long later = Support.created(http.post(BASE + "/hazards", hazard(enterprise, "general", today,
        today.plusDays(30)))).getLong("id");
    Support.ok(http.post(BASE + "/hazards/" + done + "/status", new JsonObject().put("status", "rectifying")));
    Support.ok(http.post(BASE + "/hazards/" + done + "/status", new JsonObject().put("status", "rectified")
        .put("evidence", "已整改")));

    runDeadlines(http);
    assertEquals(0L, Support.count(zx, "SELECT count(*) FROM safety.hazard WHERE overdue AND enterprise_id = $1",
        enterprise), "nothing due yet");

    zx.clock().advance(Duration.ofDays(3));
    TestHttp admin = admin();
    runDeadlines(admin);

    JsonObject overdue = Support.ok(admin.get(BASE + "/hazards?overdue=true&enterpriseId=" + enterprise));
    assertEquals(2, overdue.getLong("total"), overdue::encode);
    assertEquals(today.plusDays(3).toString(), overdue.getJsonArray("items").getJsonObject(0)
        .getString("overdueSince"));
    List<String> escalations = new ArrayList<>();
    for (Row r : zx.sql("SELECT hazard_id, audience, notification_id FROM safety.escalation"
        + " WHERE hazard_id IN ($1, $2, $3, $4) ORDER BY hazard_id", general, major, done, later)) {
      escalations.add(r.getLong("hazard_id") + ":" + r.getString("audience"));
      assertNotNull(r.getLong("notification_id"));
    }
    assertEquals(List.of(general + ":county", major + ":city"), escalations);
    List<String> notified = new ArrayList<>();
    zx.sql("SELECT n.county, n.kind, n.level FROM core.notification n JOIN safety.escalation e"
        + " ON e.notification_id = n.id WHERE e.hazard_id IN ($1, $2) ORDER BY e.hazard_id", general, major)
        .forEach(r -> notified.add(r.getString(0) + " " + r.getString(1) + " " + r.getString(2)));
    assertEquals(List.of(YUCI + " hazard-overdue warning", "null major-hazard-overdue urgent"), notified);
    // The county's clerk finds the general one in the inbox; the major one goes to the city only.
    TestHttp clerk = zx.login("yuci-inbox", ZhenxingExtension.passwordOf("yuci-inbox"));
    String inbox = Support.ok(clerk.get("/api/v1/inbox?plugin=safety&kind=hazard-overdue")).encode();
    assertTrue(inbox.contains("#" + general) && !inbox.contains("13912345678"), inbox);
    assertEquals(0, Support.ok(clerk.get("/api/v1/inbox?plugin=safety&kind=major-hazard-overdue"))
        .getJsonArray("items").size());
    String majorCode = Support.ok(admin.get(BASE + "/hazards/" + major)).getString("code");
    assertTrue(Support.ok(admin.get("/api/v1/inbox?plugin=safety&kind=major-hazard-overdue&limit=500")).encode()
        .contains(majorCode));
    assertEquals(false, Support.ok(admin.get(BASE + "/hazards/" + later)).getBoolean("overdue"));
    assertEquals(false, Support.ok(admin.get(BASE + "/hazards/" + done)).getBoolean("overdue"));

    zx.clock().advance(Duration.ofDays(1));
    admin = admin();
    runDeadlines(admin);
    assertEquals(2L, Support.count(zx, "SELECT count(*) FROM safety.escalation e JOIN safety.hazard h"
        + " ON h.id = e.hazard_id WHERE h.enterprise_id = $1", enterprise), "escalated once only");

    JsonObject city = Support.ok(admin.get("/api/v1/safety/major-hazards?overdue=true&county=" + YUCI));
    assertEquals(1, city.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(h -> h.getLong("id") == major).count());
  }

  @Test
  void atTheStartOfAQuarterEachEnterprisesHazardsOfTheQuarterAreCounted() {
    TestHttp http = admin();
    long enterprise = createEnterprise(http, YUCI, "榆次区砖厂", 2);
    LocalDate today = Fixtures.today(zx);
    Support.created(http.post(BASE + "/hazards", hazard(enterprise, "general", today, today.plusDays(2))
        .put("foundBy", "self_inspection")));
    Support.created(http.post(BASE + "/hazards", hazard(enterprise, "major", today, today.plusDays(2))));

    LocalDate quarter = LocalDate.of(today.getYear(), (today.getMonthValue() - 1) / 3 * 3 + 1, 1);
    zx.clock().set(quarter.plusMonths(3).atTime(2, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
    TestHttp admin = admin();
    TestResponse run = admin.post("/api/v1/jobs/safety/quarterly-statistics/runs?county=" + YUCI, null);
    assertEquals("succeeded", Support.ok(run).getJsonArray("runs").getJsonObject(0).getString("outcome"),
        run::toString);

    JsonObject stats = Support.ok(admin.get(BASE + "/hazard-statistics?enterpriseId=" + enterprise + "&quarter="
        + quarter));
    assertEquals(1, stats.getLong("total"), stats::encode);
    JsonObject row = stats.getJsonArray("items").getJsonObject(0);
    assertEquals(quarter.toString(), row.getString("quarterStart"));
    assertEquals(1, row.getInteger("foundGeneral"));
    assertEquals(1, row.getInteger("foundMajor"));
    assertEquals(1, row.getInteger("selfReported"));
    assertEquals(0, row.getInteger("rectified"));

    JsonObject city = Support.ok(admin.get("/api/v1/safety/hazard-statistics?quarter=" + quarter));
    JsonObject yuci = city.getJsonArray("counties").getJsonObject(0);
    assertEquals(YUCI, yuci.getString("county"));
    assertTrue(yuci.getLong("foundMajor") >= 1 && yuci.getLong("selfReporting") >= 1, yuci::encode);
  }

  private static void runDeadlines(TestHttp http) {
    TestResponse run = http.post("/api/v1/jobs/safety/deadlines/runs?county=" + YUCI, null);
    JsonObject outcome = Support.ok(run).getJsonArray("runs").getJsonObject(0);
    assertEquals("succeeded", outcome.getString("outcome"), run::toString);
  }
}
