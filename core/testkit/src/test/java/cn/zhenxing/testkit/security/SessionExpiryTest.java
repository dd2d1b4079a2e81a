package cn.zhenxing.testkit.security;

import static cn.zhenxing.testkit.security.Sec.admin;
import static cn.zhenxing.testkit.security.Sec.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: a session left alone for 30 minutes ends, and even a busy one ends 12 hours after login, so a token
 * forgotten on a shared office computer stops working. The server's clock decides.
 */
class SessionExpiryTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().build();

  @Test
  void aSessionUnusedFor30MinutesExpires_whileUseKeepsItAlive() {
    TestHttp session = admin(zx);
    for (int i = 0; i < 4; i++) {
      zx.clock().advance(Duration.ofMinutes(29));
      TestResponse used = session.get("/api/v1/counties");
      assertEquals(200, used.status(), () -> "used after 29 idle minutes: " + used);
    }
    zx.clock().advance(Duration.ofMinutes(30).plusSeconds(1));
    TestResponse expired = session.get("/api/v1/counties");
    assertTrue(problem(401, expired).getString("detail").contains("expired"), expired::toString);
    problem(401, session.get("/api/v1/auth/me"));
  }

  @Test
  void requestsWithinHalfAMinuteStillCountAsUse() {
    TestHttp session = admin(zx);
    // Uses 20 s apart: the last-seen time is written at most every 30 s, yet the session must not expire early
    // by more than that.
    for (int i = 0; i < 6; i++) {
      zx.clock().advance(Duration.ofSeconds(20));
      assertEquals(200, session.get("/api/v1/counties").status());
    }
    zx.clock().advance(Duration.ofMinutes(29));
    assertEquals(200, session.get("/api/v1/counties").status(), "2 min of use, then 29 idle minutes");
  }

  @Test
  void evenABusySessionEnds12HoursAfterLogin() {
    TestHttp session = admin(zx);
    Duration elapsed = Duration.ZERO;
    while (elapsed.compareTo(Duration.ofHours(12).minusMinutes(20)) < 0) {
      zx.clock().advance(Duration.ofMinutes(20));
      elapsed = elapsed.plusMinutes(20);
      TestResponse used = session.get("/api/v1/counties");
      assertEquals(200, used.status(), "busy at " + elapsed + ": " + used);
    }
    zx.clock().advance(Duration.ofMinutes(21)); // 12 h and 1 min after login
    TestResponse ended = session.get("/api/v1/counties");
    assertTrue(problem(401, ended).getString("detail").contains("expired"), ended::toString);
    assertEquals(200, admin(zx).get("/api/v1/counties").status(), "logging in again works");
  }
}
