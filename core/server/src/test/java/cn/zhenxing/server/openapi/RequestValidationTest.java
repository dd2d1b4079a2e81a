package cn.zhenxing.server.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.server.openapi.ApiServer.Response;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client's view of request validation, over real HTTP: a request the document describes is checked before any
 * handler runs and a mistake is answered with a problem naming the field; a correct request, or one the document
 * does not describe, reaches the handlers untouched.
 */
@ExtendWith(VertxExtension.class)
class RequestValidationTest {

  private static final String SWITCH = "/api/v1/counties/140702/plugins/demo";
  private static final String GREETINGS = "/api/v1/demo/counties/140702/greetings";

  @TempDir
  Path dir;

  private OpenApiRegistry registry;
  private ApiServer server;

  @BeforeEach
  void setUp(Vertx vertx) {
    registry = new OpenApiRegistry(vertx);
    registry.addPlugin("demo", PluginJar.with(dir, Map.of("openapi/demo.yaml", PluginJar.GREETINGS)),
        "openapi/demo.yaml").await();
    server = new ApiServer(vertx, registry);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void aBodyFieldOfTheWrongTypeIsAProblemNamingTheField() {
    Response response = server.putJson(SWITCH, "{\"enabled\":\"yes\"}");

    assertEquals(422, response.status());
    assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
    JsonObject problem = new JsonObject(response.body());
    assertEquals("/problems/validation", problem.getString("type"));
    assertEquals(SWITCH, problem.getString("instance"));
    JsonObject error = problem.getJsonArray("errors").getJsonObject(0);
    assertEquals("enabled", error.getString("field"));
    assertEquals("类型应为 boolean / must be of type boolean", error.getString("reason"));
    assertFalse(response.body().contains("Exception"), "no internals: " + response.body());
  }

  @Test
  void aValidRequestReachesTheHandler() {
    Response response = server.putJson(SWITCH, "{\"enabled\":true}");
    assertEquals(200, response.status());
    assertEquals(ApiServer.REACHED, response.body());
  }

  @Test
  void requestsTheDocumentDoesNotDescribePassThrough() {
    assertEquals(ApiServer.REACHED, server.get("/api/v1/nowhere/in/the/document?county=x").body());
    assertEquals(ApiServer.REACHED, server.send(HttpMethod.DELETE, "/api/v1/counties/140702", null, null).body(),
        "a documented path with an undocumented method");
  }

  @Test
  void aMissingRequiredFieldIsNamed() {
    JsonObject problem = new JsonObject(server.putJson(SWITCH, "{}").body());
    assertEquals(422, problem.getInteger("status"));
    assertEquals(new JsonObject().put("field", "enabled").put("reason", "必填 / is required"),
        problem.getJsonArray("errors").getJsonObject(0));
  }

  @Test
  void aQueryParameterInTheWrongFormatIsABadRequestNamingIt() {
    Response response = server.send(HttpMethod.POST, "/api/v1/jobs/demo/nightly/runs?county=Yuci", null, null);
    assertEquals(400, response.status());
    JsonObject error = new JsonObject(response.body()).getJsonArray("errors").getJsonObject(0);
    assertEquals("query.county", error.getString("field"));
    assertEquals("格式不正确 / does not have the expected format", error.getString("reason"));

    assertEquals(ApiServer.REACHED, server.send(HttpMethod.POST, "/api/v1/jobs/demo/nightly/runs?county=140702",
        null, null).body(), "the right format passes");
  }

  @Test
  void aPathParameterInTheWrongFormatIsABadRequestNamingIt() {
    Response response = server.get("/api/v1/counties/14070x");
    assertEquals(400, response.status());
    assertEquals("path.county", new JsonObject(response.body()).getJsonArray("errors").getJsonObject(0)
        .getString("field"));
  }

  @Test
  void aBodyThatIsNotJsonIsABadRequest() {
    Response response = server.putJson(SWITCH, "{\"enabled\": tru");
    assertEquals(400, response.status());
    JsonObject problem = new JsonObject(response.body());
    assertEquals("/problems/bad-request", problem.getString("type"));
    assertEquals("body", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void aMissingBodyIsABadRequest() {
    Response response = server.send(HttpMethod.PUT, SWITCH, "application/json", null);
    assertEquals(400, response.status());
    assertEquals("body", new JsonObject(response.body()).getJsonArray("errors").getJsonObject(0)
        .getString("field"));
  }

  @Test
  void aBodyWithoutContentTypeIsReadAsJsonButAnotherMediaTypeIsRefused() {
    Response untyped = server.send(HttpMethod.PUT, SWITCH, null, "{\"enabled\":\"yes\"}");
    assertEquals(422, untyped.status(), untyped.body());

    Response text = server.send(HttpMethod.PUT, SWITCH, "text/plain", "{\"enabled\":true}");
    assertEquals(415, text.status());
    assertTrue(new JsonObject(text.body()).getString("detail").contains("application/json"));
  }

  @Test
  void aPluginsOperationsAreCheckedUntilThePluginIsRemoved() {
    Response wrong = server.postJson(GREETINGS, "{\"text\":\"你好\",\"recipients\":[{\"name\":\"Li\"},{\"name\":7}]}");
    assertEquals(422, wrong.status());
    assertEquals(new JsonArray().add(new JsonObject().put("field", "recipients[1].name")
            .put("reason", "类型应为 string / must be of type string")),
        new JsonObject(wrong.body()).getJsonArray("errors"));
    assertEquals(ApiServer.REACHED, server.postJson(GREETINGS, "{\"text\":\"你好\"}").body());

    registry.removePlugin("demo");

    assertEquals(ApiServer.REACHED, server.postJson(GREETINGS, "{\"text\":7}").body(),
        "the plugin's document is gone, so are its checks");
    assertEquals(422, server.putJson(SWITCH, "{\"enabled\":\"yes\"}").status(), "the core's checks stay");
  }

  @Test
  void anOptionalPropertySentAsNullIsAcceptedButARequiredOneIsNot() {
    // NewGreeting: text required; recipients[].name optional and not marked nullable in the document
    assertEquals(ApiServer.REACHED, server.postJson(GREETINGS,
        "{\"text\":\"你好\",\"recipients\":[{\"name\":null}]}").body());
    assertEquals(ApiServer.REACHED, server.postJson(GREETINGS, "{\"text\":\"你好\",\"recipients\":null}").body());
    Response missing = server.postJson(GREETINGS, "{\"text\":null}");
    assertEquals(422, missing.status(), missing.body());
    assertEquals("text", new JsonObject(missing.body()).getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void optionalPropertiesAcceptNullIn31DocumentsToo_requiredAndReferencedOnesAreLeftAlone() {
    JsonObject doc = new JsonObject("""
        {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"schemas": {
          "Thing": {"type": "object", "required": ["name"], "properties": {
            "name": {"type": "string"},
            "state": {"type": "string", "enum": ["open", "done"]},
            "other": {"$ref": "#/components/schemas/Other"}}},
          "Other": {"type": "object"}}}}""");
    JsonObject thing = ValidationContract.forValidation(doc).getJsonObject("components").getJsonObject("schemas")
        .getJsonObject("Thing").getJsonObject("properties");
    assertEquals("string", thing.getJsonObject("name").getValue("type"), "required: null stays refused");
    assertEquals(new JsonArray().add("string").add("null"), thing.getJsonObject("state").getValue("type"));
    assertTrue(thing.getJsonObject("state").getJsonArray("enum").contains(null), thing.encode());
    assertEquals(new JsonObject().put("$ref", "#/components/schemas/Other"), thing.getJsonObject("other"));
  }

  @Test
  void everyOffendingFieldIsNamed() {
    JsonArray errors = new JsonObject(server.postJson(GREETINGS, "{\"text\":\"\",\"recipients\":{}}").body())
        .getJsonArray("errors");
    assertEquals(2, errors.size(), errors.encode());
    assertTrue(errors.stream().map(e -> ((JsonObject) e).getString("field")).toList()
        .containsAll(java.util.List.of("text", "recipients")), errors.encode());
  }

  @Test
  void theSecurityRoutesAreCheckedForTypes_butTheirHandlersKeepTheirOwnRules() {
    Response login = server.postJson("/api/v1/auth/login", "{\"username\":5,\"password\":\"x\"}");
    assertEquals(422, login.status(), login.body());
    assertEquals("username", new JsonObject(login.body()).getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(ApiServer.REACHED, server.postJson("/api/v1/auth/login",
        "{\"username\":\"admin\",\"password\":\"x\",\"totp\":123456}").body(), "a numeric code is fine");

    assertEquals(ApiServer.REACHED, server.postJson("/api/v1/auth/password",
        "{\"currentPassword\":\"a\",\"newPassword\":\"short\"}").body(), "the password policy is the handler's");
    assertEquals(ApiServer.REACHED, server.postJson("/api/v1/users", "{\"username\":\"Wang.Fang\",\"county\":"
        + "\"140799\",\"roles\":[\"superuser\"],\"password\":\"weak\"}").body(),
        "usernames, counties, roles and passwords are the handler's to judge");

    Response notAnId = server.get("/api/v1/users/abc");
    assertEquals(400, notAnId.status(), notAnId.body());
    assertEquals("path.id", new JsonObject(notAnId.body()).getJsonArray("errors").getJsonObject(0)
        .getString("field"));
  }

  @Test
  void parametersMarkedValidatedByTheHandlerPassToIt() {
    assertEquals(ApiServer.REACHED, server.get("/api/v1/audit?offset=two&limit=501&from=yesterday&result=ok").body(),
        "the audit query names its parameters itself");
    JsonObject contract = ValidationContract.forValidation(registry.document());
    assertTrue(contract.getJsonObject("paths").getJsonObject("/api/v1/audit").getJsonObject("get")
        .getJsonArray("parameters").isEmpty(), "left out of the contract");
    assertFalse(registry.document().getJsonObject("paths").getJsonObject("/api/v1/audit").getJsonObject("get")
        .getJsonArray("parameters").isEmpty(), "still documented");
  }

  @Test
  void aMarkedPathParameterOrOneDescribedByContentIsKeptAsAnyText(Vertx vertx) {
    JsonObject doc = new JsonObject("""
        {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/api/v1/things/{n}": {"get": {
          "operationId": "getThing",
          "parameters": [
            {"name": "n", "in": "path", "required": true, "x-validated-by": "handler", "schema": {"type": "integer"}},
            {"name": "q", "in": "query", "x-validated-by": "handler", "schema": {"type": "integer"}},
            {"name": "r", "in": "query", "schema": {"type": "integer"}},
            {"name": "f", "in": "query", "content": {"application/json": {"schema": {"type": "object"}}}}],
          "responses": {"200": {"description": "ok"}}}}}}""");
    JsonArray parameters = ValidationContract.forValidation(doc).getJsonObject("paths")
        .getJsonObject("/api/v1/things/{n}").getJsonObject("get").getJsonArray("parameters");
    assertEquals(3, parameters.size(), parameters.encode());
    assertEquals(new JsonObject().put("type", "string"), parameters.getJsonObject(0).getJsonObject("schema"),
        "the path's, as any text");
    assertEquals("r", parameters.getJsonObject(1).getString("name"), "the unmarked one is checked as before");
    assertEquals(new JsonObject().put("type", "string"), parameters.getJsonObject(2).getJsonObject("schema"),
        "one described by content: any text too");
    assertNotNull(ValidationContract.build(vertx, doc).await(), "vertx-openapi takes the result");
  }
}
