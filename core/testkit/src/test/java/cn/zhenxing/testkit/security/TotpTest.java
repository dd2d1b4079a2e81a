package cn.zhenxing.testkit.security;

import static cn.zhenxing.testkit.security.Sec.attempt;
import static cn.zhenxing.testkit.security.Sec.body;
import static cn.zhenxing.testkit.security.Sec.invalidField;
import static cn.zhenxing.testkit.security.Sec.problem;
import static cn.zhenxing.testkit.security.Sec.stable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.server.security.Totp;
import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: a security administrator protects the account with an authenticator app (RFC 6238 TOTP); from then on a
 * password alone does not log in.
 */
class TotpTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().build();

  static TestResponse loginWith(ZhenxingExtension zx, String username, String password, String code) {
    JsonObject request = new JsonObject().put("username", username).put("password", password);
    if (code != null) {
      request.put("totp", code);
    }
    return zx.anonymous().post(Sec.LOGIN, request);
  }

  private static TestResponse login(String username, String password, String code) {
    return loginWith(zx, username, password, code);
  }

  @Test
  void afterEnablingTotpLoginNeedsTheCurrentCode_andEachCodeWorksOnce() {
    long id = Sec.createUser(zx, zx.http(), "sec.totp", "140700", List.of("security_admin"), List.of());
    String password = ZhenxingExtension.passwordOf("sec.totp");
    TestHttp session = Sec.as(zx, "sec.totp");

    TestResponse setup = session.post("/api/v1/auth/totp/setup", null);
    assertEquals(200, setup.status(), setup::toString);
    String secret = setup.json().getString("secret");
    assertTrue(secret.matches("[A-Z2-7]{32}"), secret);
    assertTrue(setup.json().getString("otpauthUri").startsWith("otpauth://totp/Zhenxing:sec.totp?secret=" + secret),
        setup::toString);
    String stored = zx.sql("SELECT totp_secret FROM core.account WHERE id = $1", id).iterator().next().getString(0);
    assertFalse(stored.contains(secret), "the secret is not stored in clear");

    byte[] key = Totp.fromBase32(secret);
    invalidField("code", session.post("/api/v1/auth/totp/enable", body("code", "000000".equals(
        Totp.code(key, zx.clock().instant())) ? "111111" : "000000")));
    assertEquals(200, login("sec.totp", password, null).status(), "not enabled yet: the password suffices");

    assertEquals(204, session.post("/api/v1/auth/totp/enable", body("code", Totp.code(key, zx.clock().instant())))
        .status());
    problem(409, session.post("/api/v1/auth/totp/setup", null));

    TestResponse withoutCode = login("sec.totp", password, null);
    TestResponse wrongPassword = login("sec.totp", "Wrong-Password-1", null);
    problem(401, withoutCode);
    assertEquals(stable(wrongPassword), stable(withoutCode), "a missing code reveals nothing about the password");
    problem(401, login("sec.totp", password, "123456".equals(Totp.code(key, zx.clock().instant())) ? "654321"
        : "123456"));

    zx.clock().advance(Duration.ofSeconds(90)); // well past the step used to enable
    long now = Totp.step(zx.clock().instant());
    // One step of drift either way is accepted; each code (and any older one) works once.
    TestResponse late = login("sec.totp", password, Totp.code(key, now - 1));
    assertEquals(200, late.status(), late::toString);
    problem(401, login("sec.totp", password, Totp.code(key, now - 1)));
    assertEquals(200, login("sec.totp", password, Totp.code(key, now + 1)).status());
    problem(401, login("sec.totp", password, Totp.code(key, now)));
    problem(401, login("sec.totp", password, Totp.code(key, now + 3)));
    zx.clock().advance(Duration.ofSeconds(60));
    assertEquals(200, login("sec.totp", password, Totp.code(key, zx.clock().instant())).status());

    // A security administrator (another one) resets the second factor of a lost phone.
    Sec.createUser(zx, zx.http(), "sec.other", "140700", List.of("security_admin"), List.of());
    problem(403, zx.http().send("DELETE", "/api/v1/users/" + id + "/totp", null));
    assertEquals(204, Sec.as(zx, "sec.other").send("DELETE", "/api/v1/users/" + id + "/totp", null).status());
    assertEquals(200, login("sec.totp", password, null).status());
  }
}
