package cn.zhenxing.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: a developer opens {@code /api/docs}, logs in on the page and reads (and tries) the whole API, the
 * accounts and audit routes included; the document itself is only for people with a session, and the routes it
 * describes are checked against it, with answers that name the offending field.
 */
class ApiDocumentTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().build();

  private static final String DOCUMENT = "/api/v1/openapi.json";

  /** The security and audit routes, with their methods, as the handlers mount them. */
  private static final Map<String, List<String>> SECURITY_ROUTES = Map.ofEntries(
      Map.entry("/api/v1/auth/login", List.of("post")),
      Map.entry("/api/v1/auth/logout", List.of("post")),
      Map.entry("/api/v1/auth/me", List.of("get")),
      Map.entry("/api/v1/auth/password", List.of("post")),
      Map.entry("/api/v1/auth/totp/setup", List.of("post")),
      Map.entry("/api/v1/auth/totp/enable", List.of("post")),
      Map.entry("/api/v1/roles", List.of("get")),
      Map.entry("/api/v1/users", List.of("get", "post")),
      Map.entry("/api/v1/users/{id}", List.of("get", "patch", "put")),
      Map.entry("/api/v1/users/{id}/password", List.of("post")),
      Map.entry("/api/v1/users/{id}/unlock", List.of("post")),
      Map.entry("/api/v1/users/{id}/totp", List.of("delete")),
      Map.entry("/api/v1/audit", List.of("get")),
      Map.entry("/api/v1/audit/verify", List.of("get")));

  @Test
  void theMergedDocumentListsTheAuthUsersAndAuditRoutes_withOnlyTheLoginPublic() {
    TestResponse answer = zx.http().get(DOCUMENT);
    assertEquals(200, answer.status(), answer::toString);
    JsonObject doc = answer.json();
    JsonObject paths = doc.getJsonObject("paths");
    SECURITY_ROUTES.forEach((path, methods) -> {
      JsonObject item = paths.getJsonObject(path);
      assertNotNull(item, () -> path + " is not documented");
      for (String method : methods) {
        JsonObject operation = item.getJsonObject(method);
        assertNotNull(operation, () -> method + " " + path + " is not documented");
        assertNotNull(operation.getString("operationId"), () -> method + " " + path);
        assertTrue(operation.getString("summary").chars().anyMatch(c -> c >= 0x4e00),
            () -> "zh-CN first in the summary of " + method + " " + path);
        boolean isPublic = operation.getJsonArray("security") != null
            && operation.getJsonArray("security").isEmpty();
        assertEquals(path.equals("/api/v1/auth/login"), isPublic, () -> method + " " + path + " public?");
      }
    });
    assertEquals(new JsonArray().add(new JsonObject().put("bearer", new JsonArray())), doc.getJsonArray("security"),
        "everything else needs the session token");
    List<String> auditParameters = paths.getJsonObject("/api/v1/audit").getJsonObject("get")
        .getJsonArray("parameters").stream().map(p -> ((JsonObject) p).getString("name")).toList();
    assertEquals(List.of("from", "to", "user", "county", "plugin", "action", "result", "limit", "offset"),
        auditParameters);
  }

  @Test
  void theDocsPageAndItsFilesAreServedWithoutASession_andTheScriptsAreFilesNotInline() {
    TestResponse page = zx.anonymous().get("/api/docs");
    assertEquals(200, page.status(), page::toString);
    assertTrue(page.contentType().startsWith("text/html"), page.contentType());
    assertTrue(page.body().contains("用户名 / Username") && page.body().contains("密码 / Password")
        && page.body().contains("动态口令 / TOTP code"), "the login form, zh-CN first");
    assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(page.body()).find(),
        "no inline script: the Content-Security-Policy would block it");
    String csp = page.header("Content-Security-Policy");
    assertNotNull(csp, page.headers()::toString);
    assertTrue(csp.contains("default-src 'self'") && !csp.contains("script-src"), "scripts from this origin only: "
        + csp);

    TestResponse script = zx.anonymous().get("/api/docs/swagger-initializer.js");
    assertEquals(200, script.status(), script::toString);
    assertTrue(script.contentType().contains("javascript"), script.contentType());
    assertTrue(script.body().contains("\"/api/v1/openapi.json\""), "points Swagger UI at the merged document");
    assertTrue(script.body().contains("requestInterceptor") && script.body().contains("Bearer "),
        "sends the session token with Swagger UI's requests");
    assertTrue(script.body().contains("\"/auth/login\"") && script.body().contains("\"/auth/logout\"")
        && script.body().contains("\"/auth/password\""), "logs in, out, and changes a forced password");

    TestResponse css = zx.anonymous().get("/api/docs/zhenxing-docs.css");
    assertEquals(200, css.status(), css::toString);
    assertTrue(css.contentType().startsWith("text/css"), css.contentType());
    for (String asset : List.of("/api/docs/swagger-ui-bundle.js", "/api/docs/swagger-ui-standalone-preset.js",
        "/api/docs/swagger-ui.css", "/api/docs/index.css")) {
      assertEquals(200, zx.anonymous().get(asset).status(), asset);
    }
  }

  @Test
  void theDocumentItselfNeedsASession() {
    TestResponse answer = zx.anonymous().get(DOCUMENT);
    assertEquals(401, answer.status(), answer::toString);
    assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
    assertNotNull(answer.header("WWW-Authenticate"));
  }

  @Test
  void aLoginBodyOfTheWrongTypeIsAProblemNamingTheField_notA500() {
    TestResponse answer = zx.anonymous().send("POST", "/api/v1/auth/login", "{\"username\": 5, \"password\": \"x\"}");
    assertTrue(answer.status() >= 400 && answer.status() < 500, answer::toString);
    assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
    JsonObject problem = answer.json();
    assertEquals(answer.status(), problem.getInteger("status"));
    assertNull(problem.getString("token"));
    assertTrue(problem.getJsonArray("errors").stream().map(JsonObject.class::cast)
        .anyMatch(e -> "username".equals(e.getString("field"))), answer::toString);
  }

  @Test
  void theDocumentedSchemasLetTheHandlersExplainTheirOwnRules() {
    // A wrong type is caught by the document; a rule only the handler knows is still the handler's to explain.
    TestResponse wrongType = zx.http().post("/api/v1/users", new JsonObject().put("username", "doc.reader")
        .put("county", "140702").put("roles", "county_staff").put("password", "Doc-Reader-2026"));
    assertEquals(422, wrongType.status(), wrongType::toString);
    assertEquals("roles", wrongType.json().getJsonArray("errors").getJsonObject(0).getString("field"));

    TestResponse weak = zx.http().post("/api/v1/auth/password", new JsonObject()
        .put("currentPassword", ZhenxingExtension.ADMIN_PASSWORD).put("newPassword", "short"));
    assertEquals(422, weak.status(), weak::toString);
    JsonObject error = weak.json().getJsonArray("errors").getJsonObject(0);
    assertEquals("newPassword", error.getString("field"));
    assertTrue(error.getString("reason").contains("8"), "the password policy's own reason: " + error);

    TestResponse notAnId = zx.http().get("/api/v1/users/abc");
    assertEquals(400, notAnId.status(), notAnId::toString);
    assertEquals("path.id", notAnId.json().getJsonArray("errors").getJsonObject(0).getString("field"));
  }
}
