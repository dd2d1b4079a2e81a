package cn.zhenxing.testkit.security;

import static cn.zhenxing.testkit.security.Sec.attempt;
import static cn.zhenxing.testkit.security.Sec.body;
import static cn.zhenxing.testkit.security.Sec.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Story: the city requires passwords to be changed every 90 days; an older one still logs in, but only to change. */
class PasswordMaxAgeTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .config("security.password.maxAgeDays", 90)
      .build();

  @Test
  void aPasswordOlderThanTheMaximumAgeMustBeChanged() {
    TestResponse fresh = attempt(zx, ZhenxingExtension.ADMIN, ZhenxingExtension.ADMIN_PASSWORD);
    assertFalse(fresh.json().getBoolean("mustChangePassword"));

    zx.clock().advance(Duration.ofDays(91));
    TestResponse old = attempt(zx, ZhenxingExtension.ADMIN, ZhenxingExtension.ADMIN_PASSWORD);
    assertEquals(200, old.status(), old::toString);
    assertTrue(old.json().getBoolean("mustChangePassword"), old::toString);
    TestHttp session = zx.anonymous().withHeader("Authorization", "Bearer " + old.json().getString("token"));
    assertEquals("/problems/password-change-required", problem(403, session.get("/api/v1/counties"))
        .getString("type"));
    assertEquals(204, session.post("/api/v1/auth/password", body("currentPassword", ZhenxingExtension.ADMIN_PASSWORD,
        "newPassword", "Quarterly-Change-91")).status());
    assertEquals(200, session.get("/api/v1/counties").status());
    assertFalse(attempt(zx, ZhenxingExtension.ADMIN, "Quarterly-Change-91").json().getBoolean("mustChangePassword"));
  }
}
