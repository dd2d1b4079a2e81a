package cn.zhenxing.server.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an API reader and a plugin author see: plugin documents appear in the platform's document where the host
 * mounts the plugin, do not trample each other or the core, disappear with the plugin, and a broken document stops
 * its plugin with a sentence saying what is wrong.
 */
@ExtendWith(VertxExtension.class)
class OpenApiRegistryTest {

  private static final String GREETINGS_PATH = "/api/v1/demo/counties/{county}/greetings";

  @TempDir
  Path dir;

  private OpenApiRegistry registry;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.registry = new OpenApiRegistry(vertx);
  }

  @Test
  void theCoreDocumentDescribesTheCoreApiAndPassesItsOwnChecks() {
    JsonObject doc = registry.document();
    assertEquals("3.1.0", doc.getString("openapi"));
    assertEquals(new JsonArray().add(new JsonObject().put("url", "/")), doc.getJsonArray("servers"));
    for (String path : new String[] {"/api/v1/counties", "/api/v1/counties/{county}",
        "/api/v1/counties/{county}/plugins/{plugin}", "/api/v1/plugins", "/api/v1/jobs",
        "/api/v1/jobs/{plugin}/{job}/runs", "/api/v1/openapi.json", "/health/live", "/health/ready", "/metrics"}) {
      assertNotNull(doc.getJsonObject("paths").getJsonObject(path), path + " is documented");
    }
    assertEquals("^[0-9]{6}$", doc.getJsonObject("components").getJsonObject("schemas")
        .getJsonObject("CountyCode").getString("pattern"));
    registry.compiled().await(); // the contract builds: the core document is usable for validation
  }

  @Test
  void aPluginsPathsAppearUnderItsBaseBesideTheCoresOwn() {
    registry.addPlugin("demo", plugin(PluginJar.GREETINGS), "openapi/demo.yaml").await();

    JsonObject paths = registry.document().getJsonObject("paths");
    assertNotNull(paths.getJsonObject("/api/v1/counties"), "the core's paths stay");
    JsonObject greetings = paths.getJsonObject(GREETINGS_PATH);
    assertNotNull(greetings, "the plugin's path, prefixed with /api/v1/demo");
    assertNotNull(paths.getJsonObject("/api/v1/demo/export"));
    assertFalse(paths.containsKey("/counties/{county}/greetings"), "never unprefixed");

    JsonObject list = greetings.getJsonObject("get");
    assertEquals(new JsonArray().add("demo"), list.getJsonArray("tags"), "grouped under the plugin in Swagger UI");
    assertEquals("demo.listGreetings", list.getString("operationId"));
    assertEquals("demo.postCountiesCountyGreetings", greetings.getJsonObject("post").getString("operationId"),
        "an operation without an id gets one");
    assertEquals("#/components/schemas/demo.Greeting", list.getJsonObject("responses").getJsonObject("200")
        .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema")
        .getJsonObject("items").getString("$ref"));
  }

  @Test
  void twoPluginsMayNameTheirSchemasAlike() {
    registry.addPlugin("demo", plugin(PluginJar.GREETINGS), "openapi/demo.yaml").await();
    registry.addPlugin("other", plugin(PluginJar.GREETINGS.replace("minLength: 1", "minLength: 5")),
        "openapi/demo.yaml").await();

    JsonObject schemas = registry.document().getJsonObject("components").getJsonObject("schemas");
    assertEquals(1, schemas.getJsonObject("demo.NewGreeting").getJsonObject("properties").getJsonObject("text")
        .getInteger("minLength"));
    assertEquals(5, schemas.getJsonObject("other.NewGreeting").getJsonObject("properties").getJsonObject("text")
        .getInteger("minLength"));
    assertNotNull(schemas.getJsonObject("CountyCode"), "the core's schemas stay");
    assertEquals(new JsonArray().add("string").add("null"), schemas.getJsonObject("demo.Greeting")
        .getJsonObject("properties").getJsonObject("mood").getValue("type"), "3.0 nullable, in 3.1 form");
  }

  @Test
  void removingAPluginTakesItsPathsAndSchemasOut() {
    registry.addPlugin("demo", plugin(PluginJar.GREETINGS), "openapi/demo.yaml").await();
    registry.addPlugin("other", plugin(PluginJar.GREETINGS), "openapi/demo.yaml").await();

    registry.removePlugin("demo");

    JsonObject doc = registry.document();
    assertFalse(doc.getJsonObject("paths").containsKey(GREETINGS_PATH));
    assertFalse(doc.getJsonObject("components").getJsonObject("schemas").containsKey("demo.Greeting"));
    assertTrue(doc.getJsonObject("paths").containsKey("/api/v1/other/counties/{county}/greetings"),
        "the other plugin stays");
    assertTrue(doc.getJsonObject("paths").containsKey("/api/v1/counties"));
  }

  @Test
  void aMissingDocumentFailsThePluginNamingTheResource() {
    Exception e = assertThrows(Exception.class,
        () -> registry.addPlugin("demo", plugin(PluginJar.GREETINGS), "openapi/nope.yaml").await());
    assertEquals("OpenAPI document openapi/nope.yaml: not found on the plugin's class path", e.getMessage());
  }

  @Test
  void aSwaggerTwoDocumentIsRejected() {
    String message = failure("swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths: {}\n");
    assertEquals("OpenAPI document openapi/demo.yaml: Swagger 2.0, but an OpenAPI 3.0 or 3.1 document is required",
        message);
  }

  @Test
  void aDocumentThatIsNotYamlSaysWhere() {
    String message = failure("openapi: 3.1.0\ninfo: {title: t\n");
    assertTrue(message.startsWith("OpenAPI document openapi/demo.yaml: neither valid YAML nor JSON"), message);
    assertTrue(message.contains("line"), message);
  }

  @Test
  void aStructuralMistakeIsReportedWithWhereAndWhy() {
    String message = failure("""
        openapi: 3.1.0
        info: {title: t, version: "1"}
        paths:
          /things:
            get:
              parameters:
                - {name: size, in: body, schema: {type: integer}}
              responses:
                "200": {description: ok}
        """);
    assertTrue(message.contains("/api/v1/demo/things"), message);
    assertTrue(message.contains("parameters"), message);
    assertTrue(message.contains("\"query\",\"header\",\"path\",\"cookie\""), message);
  }

  @Test
  void aDanglingReferenceIsReported() {
    String message = failure("""
        openapi: 3.1.0
        info: {title: t, version: "1"}
        paths:
          /things:
            post:
              requestBody:
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/Thing"}
              responses:
                "200": {description: ok}
        """);
    assertEquals("OpenAPI document openapi/demo.yaml: $ref \"#/components/schemas/Thing\" points at nothing: "
        + "components.schemas has no \"Thing\"", message);
  }

  @Test
  void aFailedPluginLeavesTheDocumentAsItWas() {
    JsonObject before = registry.document();
    failure("openapi: 3.1.0\ninfo: {title: t, version: \"1\"}\npaths:\n  /x: {get: {responses: {}}}\n");
    assertEquals(before, registry.document());
  }

  @Test
  void aPluginStoppedWhileItsDocumentIsReadDoesNotComeBack() {
    var adding = registry.addPlugin("demo", plugin(PluginJar.GREETINGS), "openapi/demo.yaml");
    registry.removePlugin("demo");
    assertThrows(Exception.class, adding::await);
    assertFalse(registry.document().getJsonObject("paths").containsKey(GREETINGS_PATH));
  }

  private String failure(String document) {
    Exception e = assertThrows(Exception.class,
        () -> registry.addPlugin("demo", plugin(document), "openapi/demo.yaml").await());
    assertFalse(e.getMessage().contains("\tat "), "no stack trace in the message");
    return e.getMessage();
  }

  private ClassLoader plugin(String document) {
    Path jar = dir.resolve("plugin-" + System.nanoTime());
    return PluginJar.with(jar, Map.of("openapi/demo.yaml", document));
  }
}
