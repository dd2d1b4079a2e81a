package cn.zhenxing.testkit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;

/** What the audit tests share: enabling a plugin, reading audit rows, problem answers. */
final class AuditSupport {

  private AuditSupport() {
  }

  /** Switches a plugin on or off for a county as the city administrator; answers the response. */
  static TestResponse setEnabled(ZhenxingExtension zx, String county, String plugin, boolean enabled) {
    TestResponse r = zx.http().put("/api/v1/counties/" + county + "/plugins/" + plugin,
        new JsonObject().put("enabled", enabled));
    assertEquals(200, r.status(), r::toString);
    return r;
  }

  /** The audit rows a request left, oldest first. */
  static List<Row> rowsOf(ZhenxingExtension zx, String requestId) {
    List<Row> rows = new ArrayList<>();
    zx.sql("SELECT * FROM core.audit_log WHERE request_id = $1 ORDER BY id", requestId).forEach(rows::add);
    return rows;
  }

  static long count(ZhenxingExtension zx, String sql, Object... params) {
    return zx.sql(sql, params).iterator().next().getLong(0);
  }

  /** Asserts an {@code application/problem+json} answer with this status and answers its body. */
  static JsonObject assertProblem(int status, TestResponse response) {
    return cn.zhenxing.testkit.Problems.assertProblem(status, response);
  }

  /** Asserts a 400 problem that names {@code parameter} in its detail and in its errors. */
  static void assertBadParameter(String parameter, TestResponse response) {
    JsonObject problem = assertProblem(400, response);
    assertTrue(problem.getString("detail").contains(parameter), problem::encode);
    assertEquals(parameter, problem.getJsonArray("errors").getJsonObject(0).getString("field"), problem::encode);
  }

  /** {@code GET /api/v1/audit/verify}, expecting 200. */
  static JsonObject verify(TestHttp auditor) {
    TestResponse r = auditor.get("/api/v1/audit/verify");
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }
}
