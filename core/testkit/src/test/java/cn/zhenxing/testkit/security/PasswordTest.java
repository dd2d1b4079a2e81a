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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: an administrator creates an account with an initial password; its owner must choose their own at first
 * login before doing anything else, and every password must be strong enough.
 */
class PasswordTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().build();

  private static final String PASSWORD = "/api/v1/auth/password";

  private static JsonObject newUser(String username, String password) {
    return new JsonObject().put("username", username).put("displayName", "王" + username).put("county", "140702")
        .put("roles", new JsonArray().add("county_staff")).put("plugins", new JsonArray()).put("password", password);
  }

  @Test
  void theFirstLoginMayOnlyChangeThePassword_thenTheNewOneWorksAndTheOldOneNot() {
    String initial = "Initial-Pass-2026";
    assertEquals(201, zx.http().post("/api/v1/users", newUser("first.login", initial)).status());

    TestResponse login = attempt(zx, "first.login", initial);
    assertEquals(200, login.status(), login::toString);
    assertTrue(login.json().getBoolean("mustChangePassword"), login::toString);
    TestHttp session = zx.anonymous().withHeader("Authorization", "Bearer " + login.json().getString("token"));

    JsonObject blocked = problem(403, session.get("/api/v1/counties"));
    assertEquals("/problems/password-change-required", blocked.getString("type"));
    problem(403, session.get("/api/v1/users"));
    TestResponse me = session.get("/api/v1/auth/me");
    assertEquals(200, me.status(), me::toString);
    assertTrue(me.json().getBoolean("mustChangePassword"));

    invalidField("currentPassword", session.post(PASSWORD, body("currentPassword", "Wrong-Current-1",
        "newPassword", "Brand-New-Pass-1")));
    invalidField("newPassword", session.post(PASSWORD, body("currentPassword", initial,
        "newPassword", initial)));
    assertEquals(204, session.post(PASSWORD, body("currentPassword", initial, "newPassword", "Brand-New-Pass-1"))
        .status());

    assertEquals(200, session.get("/api/v1/counties").status(), "the same session is now unrestricted");
    problem(401, attempt(zx, "first.login", initial));
    TestResponse again = attempt(zx, "first.login", "Brand-New-Pass-1");
    assertEquals(200, again.status());
    assertFalse(again.json().getBoolean("mustChangePassword"));
  }

  @Test
  void weakPasswordsAreRefusedNamingTheFieldAndTheRule() {
    Map<String, String> weak = Map.of(
        "Sh0rt!", "8",                       // too short
        "alllowercaseletters", "3",          // one class
        "lowerUPPERonly", "3",               // two classes
        "12345678abc", "3",                  // two classes
        "Xx-policy.tester-9", "username");   // contains the username, ignoring case
    weak.forEach((password, hint) -> {
      String reason = invalidField("password", zx.http().post("/api/v1/users", newUser("policy.tester", password)));
      assertTrue(reason.contains(hint), () -> password + ": " + reason);
      assertTrue(reason.chars().anyMatch(c -> c > 0x4e00), () -> "zh-CN first: " + reason);
    });
    assertFalse(zx.http().get("/api/v1/users?limit=500").json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).anyMatch(u -> u.getString("username").equals("policy.tester")),
        "no account was created");

    Sec.createUser(zx, zx.http(), "policy.owner", "140702", List.of("county_staff"), List.of());
    TestHttp owner = Sec.as(zx, "policy.owner");
    String current = ZhenxingExtension.passwordOf("policy.owner");
    for (String password : List.of("short1A", "onlylowercase", "POLICY.OWNER-is-me-1", "NoDigitsOrSigns")) {
      invalidField("newPassword", owner.post(PASSWORD, body("currentPassword", current, "newPassword", password)));
    }
    assertEquals(200, attempt(zx, "policy.owner", current).status(), "the password did not change");
  }

  @Test
  void anAdministratorsResetForcesAChangeAndEndsTheOwnersSessions() {
    long id = Sec.createUser(zx, zx.http(), "reset.me", "140703", List.of("county_staff"), List.of());
    TestHttp before = Sec.as(zx, "reset.me");
    assertEquals(200, before.get("/api/v1/counties").status());

    invalidField("password", zx.http().post("/api/v1/users/" + id + "/password", body("password", "weak")));
    assertEquals(204, zx.http().post("/api/v1/users/" + id + "/password", body("password", "Reset-By-Admin-7"))
        .status());
    problem(401, before.get("/api/v1/counties"));
    problem(401, attempt(zx, "reset.me", ZhenxingExtension.passwordOf("reset.me")));

    TestResponse login = attempt(zx, "reset.me", "Reset-By-Admin-7");
    assertTrue(login.json().getBoolean("mustChangePassword"), login::toString);
    TestHttp session = zx.anonymous().withHeader("Authorization", "Bearer " + login.json().getString("token"));
    problem(403, session.get("/api/v1/counties"));
    assertEquals(204, session.post(PASSWORD, body("currentPassword", "Reset-By-Admin-7",
        "newPassword", "Mine-Again-2026")).status());
    assertEquals(200, session.get("/api/v1/counties").status());
  }

  @Test
  void changingThePasswordEndsTheOtherSessions() {
    Sec.createUser(zx, zx.http(), "two.devices", "140702", List.of("county_staff"), List.of());
    TestHttp phone = Sec.as(zx, "two.devices");
    TestHttp desk = Sec.as(zx, "two.devices");
    assertEquals(204, desk.post(PASSWORD, body("currentPassword", ZhenxingExtension.passwordOf("two.devices"),
        "newPassword", "Desk-Chosen-77")).status());
    assertEquals(200, desk.get("/api/v1/auth/me").status());
    problem(401, phone.get("/api/v1/auth/me"));
  }
}
