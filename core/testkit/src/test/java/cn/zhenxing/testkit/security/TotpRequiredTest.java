package cn.zhenxing.testkit.security;

import static cn.zhenxing.testkit.security.Sec.body;
import static cn.zhenxing.testkit.security.Sec.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.server.security.Totp;
import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: the city's configuration requires a second factor for administrators. An administrator without one can
 * still log in, but that session may do nothing except set the second factor up.
 */
class TotpRequiredTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .config("security.totp.requiredForAdmins", true)
      .build();

  @Test
  void anAdministratorWithoutTotpMayOnlySetItUp_thenLogsInWithCodes() {
    TestResponse login = TotpTest.loginWith(zx, ZhenxingExtension.ADMIN, ZhenxingExtension.ADMIN_PASSWORD, null);
    assertEquals(200, login.status(), login::toString);
    assertTrue(login.json().getBoolean("totpSetupRequired"), login::toString);
    TestHttp session = zx.http();

    JsonObject refused = problem(403, session.get("/api/v1/counties"));
    assertEquals("/problems/totp-setup-required", refused.getString("type"));
    problem(403, session.get("/api/v1/users"));
    assertTrue(session.get("/api/v1/auth/me").json().getBoolean("totpSetupRequired"));

    byte[] key = Totp.fromBase32(session.post("/api/v1/auth/totp/setup", null).json().getString("secret"));
    assertEquals(204, session.post("/api/v1/auth/totp/enable", body("code", Totp.code(key, zx.clock().instant())))
        .status());
    assertEquals(200, session.get("/api/v1/counties").status(), "the same session, now with a second factor");

    problem(401, TotpTest.loginWith(zx, ZhenxingExtension.ADMIN, ZhenxingExtension.ADMIN_PASSWORD, null));
    zx.clock().advance(Duration.ofSeconds(31));
    TestResponse withCode = TotpTest.loginWith(zx, ZhenxingExtension.ADMIN, ZhenxingExtension.ADMIN_PASSWORD,
        Totp.code(key, zx.clock().instant()));
    assertEquals(200, withCode.status(), withCode::toString);
    assertFalse(withCode.json().getBoolean("totpSetupRequired"));

    // Other roles are not concerned.
    TestHttp admin = zx.anonymous().withHeader("Authorization", "Bearer " + withCode.json().getString("token"));
    assertEquals(200, Sec.as(zx, createdStaff(admin)).get("/api/v1/counties").status());
  }

  private static String createdStaff(TestHttp admin) {
    Sec.createUser(zx, admin, "plain.staff", "140702", java.util.List.of("county_staff"), java.util.List.of());
    return "plain.staff";
  }
}
