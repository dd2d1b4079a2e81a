package cn.zhenxing.server.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The event-loop checks of simple parameters: the same answers as vertx-openapi's, and they step aside beyond them. */
@ExtendWith(VertxExtension.class)
class ParameterChecksTest {

  private static Map<String, ParameterChecks> checks;

  @BeforeAll
  static void compile(Vertx vertx) {
    JsonObject doc = new JsonObject("""
        {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {
          "/api/v1/things/{county}/items/{id}": {"get": {"operationId": "getItem", "parameters": [
            {"name": "county", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{6}$"}},
            {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}},
            {"name": "state", "in": "query", "schema": {"type": "string", "enum": ["open", "done"]}},
            {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}},
            {"name": "all", "in": "query", "schema": {"type": "boolean"}}],
            "responses": {"200": {"description": "ok"}}}},
          "/api/v1/things": {"post": {"operationId": "addThing",
            "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
            "responses": {"201": {"description": "ok"}}}},
          "/api/v1/headers": {"get": {"operationId": "byHeader", "parameters": [
            {"name": "X-Trace", "in": "header", "schema": {"type": "string"}}],
            "responses": {"200": {"description": "ok"}}}},
          "/api/v1/lists": {"get": {"operationId": "byList", "parameters": [
            {"name": "ids", "in": "query", "schema": {"type": "array", "items": {"type": "integer"}}}],
            "responses": {"200": {"description": "ok"}}}}}}""");
    checks = ParameterChecks.compile(ValidationContract.build(vertx, doc).await());
  }

  @Test
  void onlyBodylessOperationsWithSimplePathAndQueryParametersAreCompiled() {
    assertTrue(checks.containsKey("getItem"));
    assertFalse(checks.containsKey("addThing"), "a body is vertx-openapi's");
    assertFalse(checks.containsKey("byHeader"), "a header parameter is vertx-openapi's");
    assertFalse(checks.containsKey("byList"), "an array is vertx-openapi's");
  }

  @Test
  void validParametersPass() {
    assertNull(item("/api/v1/things/140721/items/42", "state=open&from=2026-10-01&all=true"));
    assertNull(item("/api/v1/things/140721/items/42", ""), "optional query parameters may be absent");
  }

  @Test
  void eachBrokenRuleIsABadRequestNamingTheParameter() {
    assertBad("path.county", "格式不正确", item("/api/v1/things/14072x/items/42", ""));
    assertBad("path.id", "格式无法识别", item("/api/v1/things/140721/items/abc", ""));
    assertBad("path.id", "格式无法识别", item("/api/v1/things/140721/items/4.5", ""));
    assertBad("path.id", "超出允许范围", item("/api/v1/things/140721/items/0", ""));
    assertBad("query.state", "应为以下之一", item("/api/v1/things/140721/items/42", "state=lost"));
    assertBad("query.from", "格式不正确", item("/api/v1/things/140721/items/42", "from=2026-13-01"));
    assertBad("query.all", "格式无法识别", item("/api/v1/things/140721/items/42", "all=yes"));
  }

  @Test
  void aPercentEncodedPathOrARepeatedParameterIsLeftToVertxOpenapi() {
    assertThrows(ParameterChecks.Undecided.class, () -> item("/api/v1/things/1407%321/items/42", ""));
    assertThrows(ParameterChecks.Undecided.class, () -> item("/api/v1/things/140721/items/42", "state=open&state=done"));
  }

  private static Problem item(String path, String query) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    for (String pair : query.split("&")) {
      if (!pair.isEmpty()) {
        params.add(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
    }
    return checks.get("getItem").check(path, params);
  }

  private static void assertBad(String field, String reason, Problem problem) {
    assertEquals(400, problem.status(), String.valueOf(problem));
    assertEquals(field, problem.errors().get(0).field());
    assertTrue(problem.errors().get(0).reason().startsWith(reason), problem.errors().get(0).reason());
  }
}
