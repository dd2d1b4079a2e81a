package cn.zhenxing.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.fixtures.GardenPlugin;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: the operator's Prometheus scrapes {@code /metrics} and the load balancer probes {@code /health/*}; both
 * tell the truth about the server, its database, its jobs and the programmes' own figures.
 */
class ObservabilityTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin(GardenPlugin.ID, GardenPlugin::new)
      .config("metrics.refreshSeconds", "1")
      .build();

  @BeforeAll
  static void enableGarden() {
    zx.setPluginEnabled(GardenPlugin.ID, true, "140702", "140703");
  }

  @Test
  void liveAndReadyAreUp() {
    TestResponse live = zx.http().get("/health/live");
    assertEquals(200, live.status());
    assertEquals("UP", live.json().getString("status"));

    TestResponse ready = zx.http().get("/health/ready");
    assertEquals(200, ready.status(), ready::toString);
    assertEquals("UP", ready.json().getString("status"));
    assertEquals("UP", ready.json().getJsonObject("checks").getString("database"));
    assertEquals("UP", ready.json().getJsonObject("checks").getString("plugins"));
  }

  @Test
  void httpMetricsCountRequestsByRoutePattern_neverByRawPath() {
    assertEquals(200, zx.http().get("/api/v1/garden/counties/140702/plots").status());
    assertEquals(200, zx.http().get("/api/v1/garden/counties/140703/plots").status());

    Scrape scrape = scrape();
    var plots = scrape.find("vertx_http_server_requests_total", "method", "GET", "code", "200").stream()
        .filter(s -> s.labels().getOrDefault("route", "").endsWith("/plots")).toList();
    assertEquals(1, plots.size(), () -> "one series for both counties' plot pages: " + plots);
    assertTrue(plots.get(0).labels().get("route").contains(":county"), plots::toString);
    assertTrue(plots.get(0).value() >= 2.0, plots::toString);
    for (Scrape.Sample s : scrape.samples()) {
      assertFalse(s.labels().values().stream().anyMatch(v -> v.contains("140703/")),
          () -> "a raw path in a label: " + s);
    }
  }

  @Test
  void jvmAndConnectionPoolMetricsAreExported() {
    Scrape scrape = scrape();
    double heapUsed = scrape.find("jvm_memory_used_bytes", "area", "heap").stream()
        .mapToDouble(Scrape.Sample::value).sum();
    assertTrue(heapUsed > 0, "heap in use");
    assertTrue(scrape.value("vertx_pool_in_use", "pool_type", "sql", "pool_name", "zhenxing").isPresent(),
        "the database pool's connections in use");
    assertTrue(scrape.value("vertx_pool_queue_pending", "pool_type", "sql", "pool_name", "zhenxing").isPresent(),
        "the database pool's waiting queue");
    assertTrue(scrape.value("vertx_pool_in_use", "pool_type", "sql", "pool_name", "zhenxing-reads").isPresent(),
        "the reads client's statements in flight");
  }

  @Test
  void jobRunsAreCountedByPluginJobAndOutcome() {
    Optional<Double> before = scrape().value("zx_job_runs_total", "plugin", "garden", "job", "water",
        "outcome", "succeeded");
    TestResponse run = zx.http().post("/api/v1/jobs/garden/water/runs?county=140702", null);
    assertEquals(200, run.status(), run::toString);
    assertEquals("succeeded", run.json().getJsonArray("runs").getJsonObject(0).getString("outcome"));

    double after = scrape().value("zx_job_runs_total", "plugin", "garden", "job", "water", "outcome", "succeeded")
        .orElseThrow(() -> new AssertionError("no zx_job_runs_total for garden/water"));
    assertEquals(before.orElse(0.0) + 1, after);
  }

  @Test
  void pluginStatesAreExported() {
    Scrape scrape = scrape();
    assertEquals(Optional.of(1.0), scrape.value("zx_plugin_state", "plugin", "garden", "state", "started"));
    assertEquals(Optional.of(0.0), scrape.value("zx_plugin_state", "plugin", "garden", "state", "failed"));
  }

  @Test
  void aProgrammesBusinessGaugeShowsTheFiguresInTheDatabasePerCounty() {
    for (String name : new String[] {"a", "b", "c"}) {
      assertEquals(201, zx.http().post("/api/v1/garden/counties/140702/plots",
          new JsonObject().put("name", "gauge " + name)).status());
    }
    assertEquals(201, zx.http().post("/api/v1/garden/counties/140703/plots",
        new JsonObject().put("name", "gauge d")).status());
    long inDatabase = zx.sql("SELECT count(*) FROM garden.plot WHERE county_code = '140702'").iterator().next()
        .getLong(0);

    Eventually.poll(Duration.ofSeconds(10), "zx_garden_plots{county=140702} = " + inDatabase,
        () -> scrape().value("zx_garden_plots", "county", "140702"),
        v -> v.isPresent() && v.get() == inDatabase);
    Scrape scrape = scrape();
    long inTaigu = zx.sql("SELECT count(*) FROM garden.plot WHERE county_code = '140703'").iterator().next()
        .getLong(0);
    assertEquals(Optional.of((double) inTaigu), scrape.value("zx_garden_plots", "county", "140703"));
    // A county with no plots reads 0, not missing.
    assertEquals(Optional.of(0.0), scrape.value("zx_garden_plots", "county", "140781"));
    assertTrue(scrape.value("zx_garden_plots", "county", "140700").isEmpty(), "the city is not a county");
  }

  @Test
  void aGaugeWithAnExtraLabelShowsOneSeriesPerCountyAndValue() {
    for (String name : new String[] {"lily", "leek", "mint"}) {
      assertEquals(201, zx.http().post("/api/v1/garden/counties/140703/plots",
          new JsonObject().put("name", name)).status());
    }

    Eventually.poll(Duration.ofSeconds(10), "zx_garden_plots_by_initial{county=140703,initial=l} = 2",
        () -> scrape().value("zx_garden_plots_by_initial", "county", "140703", "initial", "l"),
        v -> v.isPresent() && v.get() == 2.0);
    assertEquals(Optional.of(1.0), scrape().value("zx_garden_plots_by_initial", "county", "140703", "initial", "m"));
    assertTrue(scrape().value("zx_garden_plots_by_initial", "county", "140703", "initial", "x").isEmpty(),
        "no series for a value that has no rows");
  }

  private static Scrape scrape() {
    TestResponse r = zx.http().get("/metrics");
    assertEquals(200, r.status());
    return new Scrape(r.body());
  }
}
