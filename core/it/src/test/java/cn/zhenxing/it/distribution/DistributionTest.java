package cn.zhenxing.it.distribution;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.Eventually;
import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
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
      // A tenth of labor's demo population (about 10,000 labourers) is plenty here and starts in a second.
      .config("plugins.labor.demoScale", "0.1")
      .build();

  private static final String HESHUN = "140723";

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

  @Test
  @DisplayName("a fresh install shows each county's 序时进度 against the demo plan of the quarter")
  void theDemoScheduleIsReadyForEveryCounty() {
    var latest = zx.sql("SELECT year, quarter FROM monitoring.schedule_plan WHERE demo ORDER BY year DESC, quarter DESC"
        + " LIMIT 1").iterator().next();
    TestResponse city = zx.http().get("/api/v1/monitoring/schedule/" + latest.getInteger("year") + "/"
        + latest.getInteger("quarter"));
    assertEquals(200, city.status(), city::toString);
    var counties = city.json().getJsonArray("counties");
    assertEquals(11, counties.size(), city.json()::encodePrettily);
    assertAll(counties.stream().map(JsonObject.class::cast).map(c -> () -> assertTrue(c.getBoolean("planned"),
        c.getString("county") + " has a plan")));
  }

  @Test
  @DisplayName("a labourer who loses work in labor becomes an unemployment signal for the household in monitoring")
  void employmentLostInLaborBecomesASignalInMonitoring() {
    TestHttp admin = zx.http();
    LocalDate today = LocalDate.now(zx.clock().withZone(ZoneId.of("Asia/Shanghai")));
    String head = idNumber(HESHUN + "19770707987");
    JsonObject household = new JsonObject().put("township", "义兴镇").put("village", "南关村")
        .put("householdNo", "DIST-1").put("category", "脱贫户")
        .put("members", new JsonArray().add(new JsonObject().put("name", "赵铁柱").put("idNumber", head)
            .put("relation", "户主").put("birthDate", "1977-07-07").put("labour", "普通劳动力")
            .put("health", "健康").put("schooling", "非在校生").put("mainEarner", true)));
    TestResponse created = admin.post("/api/v1/monitoring/counties/" + HESHUN + "/households", household);
    assertEquals(201, created.status(), created::toString);
    long householdId = created.json().getLong("id");
    TestResponse labourer = admin.post("/api/v1/labor/counties/" + HESHUN + "/labourers", new JsonObject()
        .put("name", "赵铁柱").put("idNumber", head).put("township", "义兴镇").put("village", "南关村"));
    assertEquals(201, labourer.status(), labourer::toString);
    TestResponse job = admin.post("/api/v1/labor/counties/" + HESHUN + "/employments", new JsonObject()
        .put("labourerId", labourer.json().getLong("id")).put("employer", "和顺煤矿").put("place", "county")
        .put("sector", "采矿业").put("startDate", today.minusYears(1).toString()).put("endDate", today.toString())
        .put("foundVia", "self"));
    assertEquals(201, job.status(), job::toString);

    // No new job within labor's 30-day grace period: its daily job publishes the loss, monitoring handles it.
    zx.clock().advance(Duration.ofDays(31));
    TestHttp again = zx.http();
    TestResponse run = again.post("/api/v1/jobs/labor/employment-lost/runs?county=" + HESHUN, null);
    assertEquals(200, run.status(), run::toString);

    JsonObject signal = Eventually.poll(Duration.ofSeconds(20), "monitoring's unemployment signal for the household",
        () -> again.get("/api/v1/monitoring/counties/" + HESHUN + "/signals?limit=500").json()
            .getJsonArray("items").stream().map(JsonObject.class::cast)
            .filter(s -> "unemployment".equals(s.getString("riskKind"))
                && Long.valueOf(householdId).equals(s.getLong("householdId")))
            .findFirst(),
        java.util.Optional::isPresent).orElseThrow();
    assertEquals("labor.employment-lost", signal.getString("source"), signal::encodePrettily);
    assertTrue(!signal.encode().contains(head), "no ID number in clear");
  }

  /** A valid ID-card number from its first 17 digits (GB 11643 check digit). */
  private static String idNumber(String first17) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * weights[i];
    }
    return first17 + "10X98765432".charAt(sum % 11);
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
