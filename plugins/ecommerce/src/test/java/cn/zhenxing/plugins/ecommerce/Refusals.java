package cn.zhenxing.plugins.ecommerce;

import static cn.zhenxing.testkit.Problems.assertProblem;

import cn.zhenxing.testkit.TestResponse;
import io.vertx.core.json.JsonObject;

/** Refusals the testkit has no assertion for yet. */
final class Refusals {

  private Refusals() {
  }

  /** A 409 (duplicate or broken reference) naming {@code field}; answers its reason. */
  static String assertConflictField(String field, TestResponse response) {
    JsonObject body = assertProblem(409, response);
    return body.getJsonArray("errors").stream().map(JsonObject.class::cast)
        .filter(e -> field.equals(e.getString("field"))).map(e -> e.getString("reason")).findFirst()
        .orElseThrow(() -> new AssertionError("no error for " + field + " in " + response));
  }
}
