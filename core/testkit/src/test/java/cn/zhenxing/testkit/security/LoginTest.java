package cn.zhenxing.testkit.security;

import static cn.zhenxing.testkit.security.Sec.admin;
import static cn.zhenxing.testkit.security.Sec.attempt;
import static cn.zhenxing.testkit.security.Sec.problem;
import static cn.zhenxing.testkit.security.Sec.stable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: people log in with a username and password and get a bearer token; guessing passwords locks the account
 * for a while, and nothing in the answers tells a guesser whether the account exists, the password was right or
 * the account is locked.
 *
 * <p>Tests here move the server's clock, so each logs the administrator in afresh instead of using
 * {@code zx.http()}.
 */
class LoginTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().build();

  @Test
  void loginAnswersATokenTheUserAndTheSessionEnd_andUsernamesIgnoreCase() {
    TestResponse answer = attempt(zx, "ADMIN", ZhenxingExtension.ADMIN_PASSWORD);
    assertEquals(200, answer.status(), answer::toString);
    JsonObject body = answer.json();
    assertTrue(body.getString("token").matches("[A-Za-z0-9_-]{43}"), body::encode);
    assertTrue(Instant.parse(body.getString("expiresAt")).isAfter(zx.clock().instant().plus(Duration.ofHours(11))));
    assertFalse(body.getBoolean("mustChangePassword"), "the operator chose ZX_ADMIN_PASSWORD: no forced change");
    JsonObject user = body.getJsonObject("user");
    assertEquals("admin", user.getString("username"));
    assertEquals("140700", user.getString("county"));
    assertEquals(List.of("city_admin"), user.getJsonArray("roles").getList());
    assertNotNull(user.getLong("id"));
    assertNotNull(user.getString("displayName"));
    assertNotNull(user.getJsonArray("plugins"));

    TestResponse me = zx.anonymous().withHeader("Authorization", "Bearer " + body.getString("token"))
        .get("/api/v1/auth/me");
    assertEquals(200, me.status(), me::toString);
    assertEquals("admin", me.json().getString("username"));
    assertTrue(me.json().getJsonArray("permissions").contains("core.users.manage"), me::toString);
    assertNotEquals(body.getString("token"), attempt(zx, "admin", ZhenxingExtension.ADMIN_PASSWORD).json()
        .getString("token"), "every login gets its own token");
  }

  @Test
  void unknownUserWrongPasswordAndLockedAccountGetTheSameAnswer() {
    Sec.createUser(zx, admin(zx), "same.answer", "140702", List.of("county_staff"), List.of());
    String right = ZhenxingExtension.passwordOf("same.answer");

    TestResponse unknown = attempt(zx, "nobody.here", "Wrong-Password-1");
    TestResponse wrong = attempt(zx, "same.answer", "Wrong-Password-1");
    problem(401, unknown);
    problem(401, wrong);
    assertEquals(stable(unknown), stable(wrong), "unknown user and wrong password answer alike");
    assertEquals(unknown.contentType(), wrong.contentType());

    for (int i = 0; i < 4; i++) {
      assertEquals(stable(unknown), stable(attempt(zx, "same.answer", "Wrong-Password-" + i)),
          "the failure that locks answers alike too");
    }
    TestResponse lockedWrong = attempt(zx, "same.answer", "Wrong-Password-9");
    TestResponse lockedRight = attempt(zx, "same.answer", right);
    assertEquals(stable(unknown), stable(lockedWrong), "a locked account answers like a wrong password");
    assertEquals(stable(unknown), stable(lockedRight), "even for the right password");
    assertEquals(401, lockedRight.status());
    assertNull(lockedRight.json().getString("token"));
  }

  @Test
  void fiveFailuresLockForThirtyMinutes_attemptsWhileLockedDoNotExtendIt_andTheLockExpires() {
    long id = Sec.createUser(zx, admin(zx), "lock.me", "140702", List.of("county_staff"), List.of());
    String right = ZhenxingExtension.passwordOf("lock.me");

    // Case does not matter for counting: the five failures use different spellings.
    for (String name : List.of("lock.me", "LOCK.ME", "Lock.Me", "lock.ME", "LOCK.me")) {
      problem(401, attempt(zx, name, "Not-The-Password-1"));
    }
    problem(401, attempt(zx, "lock.me", right));
    TestResponse account = admin(zx).get("/api/v1/users/" + id);
    assertTrue(account.json().getBoolean("locked"), account::toString);

    // Attempts while locked, some right, some wrong: none extends the lock or counts towards a new one.
    zx.clock().advance(Duration.ofMinutes(25));
    for (int i = 0; i < 6; i++) {
      problem(401, attempt(zx, "lock.me", i % 2 == 0 ? right : "Not-The-Password-2"));
    }
    zx.clock().advance(Duration.ofMinutes(4));
    problem(401, attempt(zx, "lock.me", right));
    zx.clock().advance(Duration.ofMinutes(2)); // 31 minutes after the lock
    TestResponse afterLock = attempt(zx, "lock.me", right);
    assertEquals(200, afterLock.status(), "the lock ends 30 minutes after it began: " + afterLock);
  }

  @Test
  void failuresOutsideTheWindowDoNotAddUp_andASuccessClearsTheCount() {
    Sec.createUser(zx, admin(zx), "slow.typist", "140703", List.of("county_staff"), List.of());
    String right = ZhenxingExtension.passwordOf("slow.typist");
    for (int i = 0; i < 4; i++) {
      problem(401, attempt(zx, "slow.typist", "Not-The-Password-1"));
    }
    zx.clock().advance(Duration.ofMinutes(16));
    problem(401, attempt(zx, "slow.typist", "Not-The-Password-1"));
    assertEquals(200, attempt(zx, "slow.typist", right).status(), "4 old failures + 1 new do not lock");

    for (int i = 0; i < 4; i++) {
      problem(401, attempt(zx, "slow.typist", "Not-The-Password-1"));
    }
    assertEquals(200, attempt(zx, "slow.typist", right).status());
    for (int i = 0; i < 4; i++) {
      problem(401, attempt(zx, "slow.typist", "Not-The-Password-1"));
    }
    assertEquals(200, attempt(zx, "slow.typist", right).status(), "the success before cleared the count");
  }

  @Test
  void aSecurityAdministratorUnlocksALockedAccount() {
    TestHttp admin = admin(zx);
    long id = Sec.createUser(zx, admin, "locked.out", "140702", List.of("county_staff"), List.of());
    Sec.createUser(zx, admin, "sec.unlocker", "140700", List.of("security_admin"), List.of());
    for (int i = 0; i < 5; i++) {
      attempt(zx, "locked.out", "Not-The-Password-1");
    }
    problem(401, attempt(zx, "locked.out", ZhenxingExtension.passwordOf("locked.out")));

    problem(403, admin.post("/api/v1/users/" + id + "/unlock", null));
    TestResponse unlocked = Sec.as(zx, "sec.unlocker").post("/api/v1/users/" + id + "/unlock", null);
    assertEquals(204, unlocked.status(), unlocked::toString);
    assertEquals(200, attempt(zx, "locked.out", ZhenxingExtension.passwordOf("locked.out")).status());
  }

  @Test
  void logoutRevokesTheToken_andOnlyThatOne() {
    TestHttp first = admin(zx);
    TestHttp second = admin(zx);
    assertEquals(200, first.get("/api/v1/auth/me").status());
    assertEquals(204, first.post("/api/v1/auth/logout", null).status());
    JsonObject refused = problem(401, first.get("/api/v1/auth/me"));
    assertEquals("/problems/unauthenticated", refused.getString("type"));
    problem(401, first.get("/api/v1/counties"));
    problem(401, first.post("/api/v1/auth/logout", null));
    assertEquals(200, second.get("/api/v1/counties").status(), "another session of the same user lives on");
  }

  @Test
  void missingMalformedAndUnknownTokensAnswer401WithBearerChallenge_never500() {
    List<String> headers = List.of("", "Bearer", "Bearer ", "Bearer garbage", "Basic YWRtaW46YWRtaW4=",
        "Bearer " + "A".repeat(43), "Bearer " + "x".repeat(5000), "bearer  ' OR 1=1 --", "Bearer " + "A".repeat(44),
        "Bearer " + "A".repeat(42) + "=", "Bearer\t" + "B".repeat(43));
    for (String header : headers) {
      TestHttp client = header.isEmpty() ? zx.anonymous() : zx.anonymous().withHeader("Authorization", header);
      for (String path : List.of("/api/v1/counties", "/api/v1/auth/me", "/api/v1/users", "/api/v1/nowhere")) {
        TestResponse answer = client.get(path);
        JsonObject body = problem(401, answer);
        assertEquals("/problems/unauthenticated", body.getString("type"), answer::toString);
        assertNotNull(answer.header("WWW-Authenticate"), () -> "challenge for " + header + " on " + path);
        assertTrue(answer.header("WWW-Authenticate").startsWith("Bearer"), answer::toString);
      }
    }
    problem(401, zx.anonymous().post("/api/v1/auth/logout", null));
    problem(401, zx.anonymous().post("/api/v1/users", new JsonObject()));
  }

  @Test
  void malformedLoginRequestsAreRefusedWithoutAToken() {
    assertEquals(422, zx.anonymous().post(Sec.LOGIN, new JsonObject().put("username", "admin")).status());
    assertEquals(422, zx.anonymous().post(Sec.LOGIN, new JsonObject().put("password", "x")).status());
    assertEquals(422, zx.anonymous().post(Sec.LOGIN, new JsonObject().put("username", 5).put("password", 7))
        .status());
    assertEquals(400, zx.anonymous().send("POST", Sec.LOGIN, "{not json").status());
    problem(401, attempt(zx, "x".repeat(500), "Whatever-Pass-1"));
  }

  @Test
  void withoutConfigurationThereIsNoCors_andMetricsStayOpen() {
    TestResponse answer = zx.anonymous().withHeader("Origin", "https://evil.example").get("/health/live");
    assertNull(answer.header("Access-Control-Allow-Origin"), answer.headers()::toString);
    assertEquals(200, zx.anonymous().get("/metrics").status());
  }
}
