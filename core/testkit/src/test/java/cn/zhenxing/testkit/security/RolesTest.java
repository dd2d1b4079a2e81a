package cn.zhenxing.testkit.security;

import static cn.zhenxing.testkit.security.Sec.attempt;
import static cn.zhenxing.testkit.security.Sec.body;
import static cn.zhenxing.testkit.security.Sec.invalidField;
import static cn.zhenxing.testkit.security.Sec.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: the city gives each person a role; county people see and change only their own county, staff only the
 * programmes granted to them, viewers only read, and no one person holds two of the three administrative powers.
 */
class RolesTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin(ParcelPlugin.ID, ParcelPlugin::new)
      .build();

  private static final String YUCI = "/api/v1/parcel/counties/140702/items";
  private static final String TAIGU = "/api/v1/parcel/counties/140703/items";
  private static final String OVERVIEW = "/api/v1/parcel/overview";

  @BeforeAll
  static void enableTheParcelPluginInTwoCounties() {
    zx.setPluginEnabled("parcel", true, "140702", "140703");
  }

  private static JsonObject account(String username, String county, String... roles) {
    return new JsonObject().put("username", username).put("displayName", username).put("county", county)
        .put("roles", new JsonArray(List.of(roles))).put("plugins", new JsonArray())
        .put("password", "Initial-Pass-2026");
  }

  private static TestResponse patch(TestHttp http, long id, JsonObject change) {
    return http.send("PATCH", "/api/v1/users/" + id, change.encode());
  }

  private static long idOf(String username) {
    return zx.http().get("/api/v1/users?limit=500").json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(u -> u.getString("username").equals(username)).findFirst()
        .orElseThrow().getLong("id");
  }

  @Test
  void noAccountHoldsTwoOfSystemAdministrationSecurityAdministrationAndAudit() {
    for (List<String> roles : List.of(List.of("city_admin", "auditor"), List.of("city_admin", "security_admin"),
        List.of("security_admin", "auditor"), List.of("county_admin", "auditor"))) {
      JsonObject refused = problem(409, zx.http().post("/api/v1/users",
          account("two.hats", "140700", roles.toArray(String[]::new))));
      assertTrue(refused.getString("detail").contains("audit") || refused.getString("detail").contains("security"),
          refused::encode);
    }
    long auditor = Sec.createUser(zx, zx.http(), "only.auditor", "140700", List.of("auditor"), List.of());
    TestHttp security = zx.createUser("separate.security", "140700", List.of("security_admin"), List.of());
    problem(409, patch(security, auditor, body("roles", new JsonArray().add("auditor").add("security_admin"))));
    problem(409, patch(security, auditor, body("roles", new JsonArray().add("auditor").add("city_admin"))));
    assertEquals(List.of("auditor"), zx.http().get("/api/v1/users/" + auditor).json().getJsonArray("roles")
        .getList(), "the refused change left the roles alone");
    // Nor can the system administrator take over the auditor's account; the security administrator can reset it.
    problem(403, zx.http().post("/api/v1/users/" + auditor + "/password", body("password", "Taken-Over-2026")));
    problem(403, patch(zx.http(), auditor, body("disabled", true)));
    assertEquals(200, Sec.as(zx, "only.auditor").get("/api/v1/auth/me").status());
    assertEquals(204, security.post("/api/v1/users/" + auditor + "/password", body("password", "Lost-Phone-2026"))
        .status());
    assertTrue(attempt(zx, "only.auditor", "Lost-Phone-2026").json().getBoolean("mustChangePassword"));
    // Viewing is no administrative power: a city viewer may also audit.
    assertEquals(201, zx.http().post("/api/v1/users", account("viewer.auditor", "140700", "city_viewer", "auditor"))
        .status());
  }

  @Test
  void cityRolesBelongToTheCity_countyRolesToACounty() {
    invalidField("county", zx.http().post("/api/v1/users", account("misplaced.a", "140702", "city_viewer")));
    invalidField("county", zx.http().post("/api/v1/users", account("misplaced.b", "140700", "county_staff")));
    invalidField("county", zx.http().post("/api/v1/users", account("misplaced.c", "140799", "county_staff")));
    invalidField("roles", zx.http().post("/api/v1/users", account("misplaced.d", "140702", "superuser")));
    invalidField("roles", zx.http().post("/api/v1/users", account("misplaced.e", "140702")));
    assertEquals(201, zx.http().post("/api/v1/users", account("Dup.Name", "140702", "county_staff")).status());
    problem(409, zx.http().post("/api/v1/users", account("dup.name", "140703", "county_staff")));
  }

  @Test
  void countyStaffReachOnlyGrantedPluginsOfTheirOwnCounty() {
    TestHttp ungranted = zx.createUser("yuci.nogrant", "140702", List.of("county_staff"), List.of());
    problem(403, ungranted.get(YUCI));
    problem(403, ungranted.post(YUCI, body("name", "x")));

    TestHttp staff = zx.createUser("yuci.staff", "140702", List.of("county_staff"), List.of("parcel"));
    assertEquals(200, staff.get(YUCI).status());
    assertEquals(201, staff.post(YUCI, body("name", "field 1")).status());
    // Another county's data: 403 for every verb.
    problem(403, staff.get(TAIGU));
    problem(403, staff.post(TAIGU, body("name", "intruder")));
    problem(403, staff.send("DELETE", TAIGU, null));
    // City-wide views show every county's data.
    problem(403, staff.get(OVERVIEW));
    // Declared permissions are not part of a staff grant.
    problem(403, staff.get("/api/v1/parcel/counties/140702/secret"));
    // Nor are the core's administrative routes.
    problem(403, staff.get("/api/v1/users"));
    problem(403, staff.put("/api/v1/counties/140702/plugins/parcel", body("enabled", false)));
    problem(403, staff.get("/api/v1/plugins"));
  }

  @Test
  void theCityViewerReadsEverythingAndChangesNothing() {
    TestHttp viewer = zx.createUser("city.viewer", "140700", List.of("city_viewer"), List.of());
    assertEquals(200, viewer.get(YUCI).status());
    assertEquals(200, viewer.get(TAIGU).status());
    assertEquals(200, viewer.get(OVERVIEW).status());
    assertEquals(200, viewer.get("/api/v1/plugins").status());
    problem(403, viewer.post(YUCI, body("name", "x")));
    problem(403, viewer.put("/api/v1/counties/140702/plugins/parcel", body("enabled", false)));
    problem(403, viewer.get("/api/v1/users"));
    problem(403, viewer.post("/api/v1/users", account("by.viewer", "140700", "city_viewer")));
  }

  @Test
  void theCityAdministratorHoldsEveryPluginPermission_theAuditorAndSecurityAdministratorNoBusinessData() {
    Set<String> permissions = zx.http().get("/api/v1/auth/me").json().getJsonArray("permissions").stream()
        .map(String.class::cast).collect(Collectors.toSet());
    assertTrue(permissions.containsAll(Set.of("parcel.read", "parcel.write", ParcelPlugin.REVEAL,
        "core.counties.manage", "core.system.read", "core.jobs.run", "core.users.manage")), permissions::toString);
    assertEquals(200, zx.http().get("/api/v1/parcel/counties/140703/secret").status());

    TestHttp auditor = zx.createUser("city.auditor", "140700", List.of("auditor"), List.of());
    problem(403, auditor.get(YUCI));
    problem(403, auditor.get("/api/v1/users"));
    TestHttp security = zx.createUser("city.security", "140700", List.of("security_admin"), List.of());
    problem(403, security.get(YUCI));
    problem(403, security.get(OVERVIEW));
    assertEquals(200, security.get("/api/v1/users").status());
  }

  @Test
  void disablingAnAccountEndsItsSessionsAtTheNextRequest() {
    TestHttp staff = zx.createUser("to.disable", "140702", List.of("county_staff"), List.of("parcel"));
    assertEquals(200, staff.get(YUCI).status());
    long id = idOf("to.disable");
    TestResponse disabled = patch(zx.http(), id, body("disabled", true));
    assertEquals(200, disabled.status(), disabled::toString);
    assertTrue(disabled.json().getBoolean("disabled"));
    problem(401, staff.get(YUCI));
    problem(401, attempt(zx, "to.disable", ZhenxingExtension.passwordOf("to.disable")));

    assertEquals(200, patch(zx.http(), id, body("disabled", false)).status());
    assertEquals(200, Sec.as(zx, "to.disable").get(YUCI).status(), "enabled again, it logs in again");
    problem(403, patch(zx.http(), idOf("admin"), body("disabled", true)));
  }

  @Test
  void changingRolesAndGrantsAppliesToTheNextRequestOfALiveSession() {
    TestHttp staff = zx.createUser("promoted", "140702", List.of("county_staff"), List.of());
    long id = idOf("promoted");
    problem(403, staff.get(YUCI));

    TestResponse granted = patch(zx.http(), id, body("plugins", new JsonArray().add("parcel")));
    assertEquals(200, granted.status(), granted::toString);
    assertEquals(200, staff.get(YUCI).status(), "the grant applies without logging in again");

    problem(403, staff.post("/api/v1/users", account("by.promoted", "140702", "county_staff")));
    assertEquals(200, zx.http().put("/api/v1/users/" + id, body("roles", new JsonArray().add("county_admin")))
        .status());
    assertEquals(201, staff.post("/api/v1/users", account("by.promoted", "140702", "county_staff")).status(),
        "now a county administrator");
    assertEquals(200, staff.get("/api/v1/parcel/counties/140702/secret").status());

    assertEquals(200, patch(zx.http(), id, body("roles", new JsonArray().add("county_staff"), "plugins",
        new JsonArray())).status());
    problem(403, staff.get(YUCI));
    problem(403, staff.get("/api/v1/users"));
  }

  @Test
  void aCountyAdministratorManagesOnlyItsOwnCountysAccounts_andGrantsNoCityRole() {
    TestHttp yuciAdmin = zx.createUser("yuci.admin", "140702", List.of("county_admin"), List.of());
    Sec.createUser(zx, zx.http(), "taigu.person", "140703", List.of("county_staff"), List.of());
    long taigu = idOf("taigu.person");

    TestResponse own = yuciAdmin.post("/api/v1/users", account("yuci.newcomer", "140702", "county_staff")
        .put("plugins", new JsonArray().add("parcel")));
    assertEquals(201, own.status(), own::toString);
    long newcomer = own.json().getLong("id");

    problem(403, yuciAdmin.post("/api/v1/users", account("taigu.newcomer", "140703", "county_staff")));
    problem(403, yuciAdmin.post("/api/v1/users", account("yuci.viewer", "140700", "city_viewer")));
    problem(403, yuciAdmin.post("/api/v1/users", account("yuci.auditor", "140702", "auditor")));
    problem(403, patch(yuciAdmin, newcomer, body("roles", new JsonArray().add("city_admin"))));

    // Another county's accounts do not exist for it: not listed, not readable, not changeable.
    JsonArray listed = yuciAdmin.get("/api/v1/users").json().getJsonArray("items");
    assertFalse(listed.isEmpty());
    assertTrue(listed.stream().map(JsonObject.class::cast).allMatch(u -> u.getString("county").equals("140702")),
        listed::encode);
    problem(403, yuciAdmin.get("/api/v1/users?county=140703"));
    // Paging through them: the total counts the county's accounts only, also on a page past the last.
    long yuciAccounts = zx.sql("SELECT count(*) FROM core.account WHERE county_code = '140702'").iterator().next()
        .getLong(0);
    JsonObject first = yuciAdmin.get("/api/v1/users?limit=1").json();
    assertEquals(yuciAccounts, first.getLong("total"), first::encode);
    assertEquals(1, first.getJsonArray("items").size());
    JsonObject past = yuciAdmin.get("/api/v1/users?offset=1000").json();
    assertEquals(yuciAccounts, past.getLong("total"), past::encode);
    assertTrue(past.getJsonArray("items").isEmpty());
    problem(404, yuciAdmin.get("/api/v1/users/" + taigu));
    problem(404, patch(yuciAdmin, taigu, body("disabled", true)));
    problem(404, yuciAdmin.post("/api/v1/users/" + taigu + "/password", body("password", "Taken-Over-2026")));
    problem(404, patch(yuciAdmin, idOf("admin"), body("disabled", true)));
    assertEquals(200, Sec.as(zx, "taigu.person").get("/api/v1/auth/me").status(), "untouched");

    assertEquals(204, yuciAdmin.post("/api/v1/users/" + newcomer + "/password", body("password", "Fresh-Start-2026"))
        .status());
    assertTrue(attempt(zx, "yuci.newcomer", "Fresh-Start-2026").json().getBoolean("mustChangePassword"));
  }
}
