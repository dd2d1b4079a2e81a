package cn.zhenxing.it.distribution;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the README's quick start promises, checked on the real distribution: the five programme plugin jars that
 * {@code mvn package} gathers in the repository's {@code target/plugins/}, loaded by PF4J with demo data on, all
 * start side by side, document their APIs in the one merged OpenAPI document and publish their business metrics.
 */
@DisplayName("The distribution: every programme plugin from its jar, with demo data")
class DistributionTest {

  static final List<String> PROGRAMMES = List.of("ecommerce", "labor", "monitoring", "safety", "supply");

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .pluginsDir(distribution())
      .config("demoData", "true")
      .config("metrics.refreshSeconds", "1")
      .build();

  @Test
  @DisplayName("all five plugins start from their jars")
  void everyProgrammeStarts() {
    TestResponse r = zx.http().get("/api/v1/plugins");
    assertEquals(200, r.status(), r::toString);
    Map<String, JsonObject> plugins = new TreeMap<>();
    r.json().getJsonArray("items").forEach(p -> plugins.put(((JsonObject) p).getString("id"), (JsonObject) p));
    assertEquals(PROGRAMMES, List.copyOf(plugins.keySet()));
    assertAll(PROGRAMMES.stream().map(id -> () -> {
      JsonObject plugin = plugins.get(id);
      assertEquals("started", plugin.getString("state"), plugin::encodePrettily);
      assertTrue(plugin.getString("source").endsWith(".jar"), plugin::encodePrettily);
    }));
  }

  @Test
  @DisplayName("the merged OpenAPI document describes every plugin's routes")
  void everyProgrammeIsDocumented() {
    JsonObject paths = zx.http().get("/api/v1/openapi.json").json().getJsonObject("paths");
    assertAll(PROGRAMMES.stream().map(id -> () -> assertTrue(
        paths.fieldNames().stream().filter(p -> p.startsWith("/api/v1/" + id + "/")).count() >= 5,
        id + " documents its routes")));
  }

  @Test
  @DisplayName("every plugin publishes county-labelled business metrics")
  void everyProgrammePublishesMetrics() {
    String metrics = zx.http().get("/metrics").body();
    assertAll(PROGRAMMES.stream().map(id -> () -> assertTrue(
        metrics.lines().anyMatch(l -> l.startsWith("zx_" + id + "_") && l.contains("county=\"140702\"")),
        "zx_" + id + "_* for Yuci")));
  }

  /** The repository's {@code target/plugins/}, where {@code mvn package} gathers the programme plugin jars. */
  static Path distribution() {
    Path root = Path.of(System.getProperty("zhenxing.repositoryRoot", "../..")).toAbsolutePath().normalize();
    Path dir = root.resolve("target").resolve("plugins");
    try (Stream<Path> jars = Files.list(dir)) {
      long found = jars.filter(f -> f.getFileName().toString().matches("zhenxing-plugin-[a-z]+-.*\\.jar")).count();
      if (found != PROGRAMMES.size()) {
        throw new IllegalStateException("expected the " + PROGRAMMES.size() + " programme plugin jars in " + dir
            + ", found " + found + ": build from the repository root (mvn verify)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(dir + " is missing: build from the repository root (mvn verify)", e);
    }
    return dir;
  }
}
