package cn.zhenxing.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.server.ZhenxingServer;
import cn.zhenxing.server.config.ConfigLoader;
import cn.zhenxing.server.config.ServerConfig;
import cn.zhenxing.server.plugin.InProcessPlugin;
import cn.zhenxing.testkit.fixtures.GardenPlugin;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Story: a county office runs the server on one machine with no database of its own (no {@code ZX_DB_URL}); what it
 * stores is still there after the service restarts, and the embedded database is durable, not test-fast.
 */
class EmbeddedDatabaseRestartTest {

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void whatIsStoredSurvivesARestartOnTheSameDataDirectory(@TempDir Path dataDir) throws Exception {
    ServerConfig config = ConfigLoader.load(Map.of(), new JsonObject()
        .put("db.url", "")
        .put("dataDir", dataDir.toString())
        .put("pluginsDir", dataDir.resolve("no-plugins").toString())
        .put("http.host", "127.0.0.1")
        .put("http.port", "0")
        .put("http.shutdownGraceSeconds", "1")
        .put("security.adminPassword", ZhenxingExtension.ADMIN_PASSWORD));
    assertTrue(config.dbUrl().isEmpty(), "no database URL: the embedded database is used");

    ZhenxingServer first = start(config);
    try {
      assertTrue(first.embeddedDatabasePort() > 0, "an embedded database is running");
      assertEquals("on", show(first, "fsync"));
      assertEquals("on", show(first, "synchronous_commit"));
      assertEquals("on", show(first, "full_page_writes"));

      TestHttp http = AdminLogin.on(first.port());
      assertEquals(200, http.put("/api/v1/counties/140702/plugins/garden", new JsonObject().put("enabled", true))
          .status());
      assertEquals(200, http.put("/api/v1/counties/140703/plugins/garden", new JsonObject().put("enabled", true))
          .status());
      assertEquals(200, http.put("/api/v1/counties/140703/plugins/garden", new JsonObject().put("enabled", false))
          .status());
      assertEquals(201, http.post("/api/v1/garden/counties/140702/plots", new JsonObject().put("name", "terrace"))
          .status());
    } finally {
      first.stop().get(1, TimeUnit.MINUTES);
    }
    assertTrue(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION")),
        "the database lives in <dataDir>/postgres");

    ZhenxingServer second = start(config);
    try {
      TestHttp http = AdminLogin.on(second.port());
      TestResponse plots = http.get("/api/v1/garden/counties/140702/plots");
      assertEquals(200, plots.status(), plots::toString);
      assertEquals(List.of("terrace"), plots.json().getJsonArray("items").getList());
      assertEquals(403, http.get("/api/v1/garden/counties/140703/plots").status(),
          "a county's decision to switch the programme off is kept");
      assertEquals("on", show(second, "fsync"));
    } finally {
      second.stop().get(1, TimeUnit.MINUTES);
    }
  }

  private static ZhenxingServer start(ServerConfig config) throws Exception {
    return new ZhenxingServer(config, List.of(new InProcessPlugin(GardenPlugin.ID, "test", GardenPlugin::new)))
        .start().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
  }

  private static String show(ZhenxingServer server, String setting) throws Exception {
    return server.pool().query("SHOW " + setting).execute().toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS).iterator().next().getString(0);
  }
}
