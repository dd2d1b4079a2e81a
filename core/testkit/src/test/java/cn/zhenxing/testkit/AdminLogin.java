package cn.zhenxing.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;

/** Logs the administrator in on a server a test started itself (another process, a restarted server). */
final class AdminLogin {

  private AdminLogin() {
  }

  /** A client for the server at this port carrying a session of {@value ZhenxingExtension#ADMIN}. */
  static TestHttp on(int port) {
    TestHttp anonymous = new TestHttp("http://127.0.0.1:" + port);
    TestResponse login = anonymous.post("/api/v1/auth/login", new JsonObject()
        .put("username", ZhenxingExtension.ADMIN).put("password", ZhenxingExtension.ADMIN_PASSWORD));
    assertEquals(200, login.status(), login::toString);
    return anonymous.withHeader("Authorization", "Bearer " + login.json().getString("token"));
  }
}
