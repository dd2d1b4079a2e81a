package cn.zhenxing.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Assertions about RFC 9457 problem answers, as a client reads them. */
public final class Problems {

  private Problems() {
  }

  /** Asserts an {@code application/problem+json} answer with this status and answers its body. */
  public static JsonObject assertProblem(int status, TestResponse response) {
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

  /** Asserts a 422 problem that names {@code field} among its errors, and answers the reason given for it. */
  public static String assertInvalidField(String field, TestResponse response) {
    JsonObject body = assertProblem(422, response);
    JsonArray errors = body.getJsonArray("errors");
    assertNotNull(errors, () -> "errors in " + response);
    return errors.stream().map(JsonObject.class::cast).filter(e -> field.equals(e.getString("field")))
        .map(e -> e.getString("reason")).findFirst()
        .orElseThrow(() -> new AssertionError("no error for " + field + " in " + response));
  }
}
