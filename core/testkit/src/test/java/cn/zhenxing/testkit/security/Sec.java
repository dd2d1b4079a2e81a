package cn.zhenxing.testkit.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.Problems;
import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Helpers the security tests share: logging in, creating accounts, reading problem answers. */
final class Sec {

  static final String LOGIN = "/api/v1/auth/login";

  private Sec() {
  }

  /** Asserts an {@code application/problem+json} answer with this status and answers its body. */
  static JsonObject problem(int status, TestResponse response) {
    return Problems.assertProblem(status, response);
  }

  /** Asserts a 422 that names the field, and answers the reason given for it. */
  static String invalidField(String field, TestResponse response) {
    return Problems.assertInvalidField(field, response);
  }

  /** The problem body without what differs on every request. */
  static JsonObject stable(TestResponse response) {
    JsonObject body = response.json().copy();
    body.remove("requestId");
    body.remove("instance");
    return body;
  }

  /** A raw login answer. */
  static TestResponse attempt(ZhenxingExtension zx, String username, String password) {
    return zx.anonymous().post(LOGIN, new JsonObject().put("username", username).put("password", password));
  }

  /** A fresh administrator session (the one the extension made may have expired after a clock move). */
  static TestHttp admin(ZhenxingExtension zx) {
    return zx.login(ZhenxingExtension.ADMIN, ZhenxingExtension.ADMIN_PASSWORD);
  }

  /**
   * Creates an account as {@code admin} and performs its forced first password change, as
   * {@link ZhenxingExtension#createUser} does, but with a session of the caller's choosing; answers the account id.
   */
  static long createUser(ZhenxingExtension zx, TestHttp admin, String username, String county, List<String> roles,
      List<String> plugins) {
    String initial = "Init-" + Integer.toHexString(username.hashCode()) + "-Pw1!";
    TestResponse created = admin.post("/api/v1/users", new JsonObject().put("username", username)
        .put("displayName", username).put("county", county).put("roles", new JsonArray(roles))
        .put("plugins", new JsonArray(plugins)).put("password", initial));
    assertEquals(201, created.status(), created::toString);
    TestHttp first = zx.login(username, initial);
    TestResponse changed = first.post("/api/v1/auth/password", new JsonObject().put("currentPassword", initial)
        .put("newPassword", ZhenxingExtension.passwordOf(username)));
    assertEquals(204, changed.status(), changed::toString);
    return created.json().getLong("id");
  }

  /** Logs in with the password {@link #createUser} gave the account. */
  static TestHttp as(ZhenxingExtension zx, String username) {
    return zx.login(username, ZhenxingExtension.passwordOf(username));
  }

  static JsonObject body(Object... keyValues) {
    JsonObject o = new JsonObject();
    for (int i = 0; i < keyValues.length; i += 2) {
      o.put((String) keyValues[i], keyValues[i + 1]);
    }
    return o;
  }
}
