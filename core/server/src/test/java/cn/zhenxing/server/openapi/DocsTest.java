package cn.zhenxing.server.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.server.openapi.ApiServer.Response;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A reader's view: the merged document at /api/v1/openapi.json and Swagger UI showing it at /api/docs. */
@ExtendWith(VertxExtension.class)
class DocsTest {

  @TempDir
  Path dir;

  private OpenApiRegistry registry;
  private ApiServer server;

  @BeforeEach
  void setUp(Vertx vertx) {
    registry = new OpenApiRegistry(vertx);
    server = new ApiServer(vertx, registry);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void theMergedDocumentIsServedAndFollowsThePlugins() {
    Response before = server.get("/api/v1/openapi.json");
    assertEquals(200, before.status());
    assertTrue(before.contentType().startsWith("application/json"), before.contentType());
    JsonObject doc = new JsonObject(before.body());
    assertEquals("3.1.0", doc.getString("openapi"));
    assertTrue(doc.getJsonObject("paths").containsKey("/api/v1/counties"));

    registry.addPlugin("demo", PluginJar.with(dir, Map.of("openapi/demo.yaml", PluginJar.GREETINGS)),
        "openapi/demo.yaml").await();
    JsonObject after = new JsonObject(server.get("/api/v1/openapi.json").body());
    assertTrue(after.getJsonObject("paths").containsKey("/api/v1/demo/counties/{county}/greetings"));
  }

  @Test
  void swaggerUiAnswersWithAndWithoutTheTrailingSlash() {
    for (String path : new String[] {"/api/docs", "/api/docs/"}) {
      Response page = server.get(path);
      assertEquals(200, page.status(), path);
      assertTrue(page.contentType().startsWith("text/html"), path);
      assertTrue(page.body().contains("/api/docs/swagger-ui-bundle.js"), path);
    }
  }

  @Test
  void swaggerUiLoadsItsAssetsAndPointsAtTheMergedDocument() {
    Response initializer = server.get("/api/docs/swagger-initializer.js");
    assertEquals(200, initializer.status());
    assertTrue(initializer.body().contains("url: \"/api/v1/openapi.json\""), initializer.body());

    Response bundle = server.get("/api/docs/swagger-ui-bundle.js");
    assertEquals(200, bundle.status());
    assertTrue(bundle.contentType().contains("javascript"), bundle.contentType());
    assertTrue(bundle.body().length() > 100_000, "the real bundle");

    Response css = server.get("/api/docs/swagger-ui.css");
    assertEquals(200, css.status());
    assertTrue(css.contentType().startsWith("text/css"), css.contentType());

    assertEquals(200, server.get("/api/docs/swagger-ui-standalone-preset.js").status());
    Response ours = server.get("/api/docs/zhenxing-docs.css");
    assertEquals(200, ours.status());
    assertTrue(ours.contentType().startsWith("text/css"), ours.contentType());
    assertEquals(404, server.get("/api/docs/no-such-file.js").status());
  }
}
