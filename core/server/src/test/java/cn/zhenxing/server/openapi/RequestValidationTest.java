package cn.zhenxing.server.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
  void everyOffendingFieldIsNamed() {
    JsonArray errors = new JsonObject(server.postJson(GREETINGS, "{\"text\":\"\",\"recipients\":{}}").body())
        .getJsonArray("errors");
    assertEquals(2, errors.size(), errors.encode());
    assertTrue(errors.stream().map(e -> ((JsonObject) e).getString("field")).toList()
        .containsAll(java.util.List.of("text", "recipients")), errors.encode());
  }
}
