package cn.zhenxing.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;

/** Assertions about RFC 9457 problem answers, as a client reads them. */
final class Problems {

  private Problems() {
  }

  /** Asserts an {@code application/problem+json} answer with this status and answers its body. */
  static JsonObject assertProblem(int status, TestResponse response) {
    assertEquals(status, response.status(), () -> "status of " + response);
    String contentType = response.contentType();
    assertNotNull(contentType, () -> "no Content-Type on " + response);
    assertTrue(contentType.startsWith("application/problem+json"), () -> "Content-Type " + contentType);
    JsonObject body = response.json();
    assertEquals(status, body.getInteger("status"), () -> "status in body of " + response);
    assertNotNull(body.getString("type"), "type");
    assertNotNull(body.getString("title"), "title");
    assertNotNull(body.getString("detail"), "detail");
    assertNotNull(response.header("X-Request-Id"), "X-Request-Id");
    assertEquals(response.header("X-Request-Id"), body.getString("requestId"), "requestId in body");
    return body;
  }
}
