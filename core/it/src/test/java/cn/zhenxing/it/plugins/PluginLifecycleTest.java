package cn.zhenxing.it.plugins;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.Eventually;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The plugin lifecycle end to end, as an operator meets it: a server boots with four real plugin jars in its plugins
 * directory (one good, three broken in different ways), loaded by PF4J exactly as in production. The good plugin
 * serves; each broken one is reported failed with its reason and takes nothing else down.
 */
@DisplayName("Plugin lifecycle with real plugin jars")
class PluginLifecycleTest {

  private static final String YUCI = "140702";
  private static final String TAIGU = "140703";
  private static final String GREETINGS = "/api/v1/greeter/counties/" + YUCI + "/greetings";
  private static final String CONFIGURED_GREETING = "晋中欢迎您 / Jinzhong welcomes you";
  private static final String WELCOME = "欢迎使用振兴平台 / Welcome to Zhenxing";
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .pluginsDir(TestPluginJars.pluginsDir(TestPluginJars.ALL.toArray(String[]::new)))
      .config("plugins.greeter.greeting", CONFIGURED_GREETING)
      .config("metrics.refreshSeconds", "1")
      .build();

  /** No county enables greeter out of the box (counties.yaml): the city administrator switches it on for Yuci. */
  @BeforeEach
  void yuciEnablesGreeter() {
    TestResponse r = zx.http().put("/api/v1/counties/" + YUCI + "/plugins/greeter", new JsonObject().put("enabled",
        true));
    assertEquals(200, r.status(), r::toString);
  }

  @Test
  @DisplayName("the test plugins reach the server only as jars, never through the test class path")
  void pluginsAreNotOnTheTestClassPath() {
    assertThrows(ClassNotFoundException.class,
        () -> Class.forName("cn.zhenxing.testplugins.greeter.GreeterPlugin"));
    assertThrows(ClassNotFoundException.class,
        () -> Class.forName("cn.zhenxing.testplugins.brokenstart.BrokenStartPlugin"));
  }

  @Test
  @DisplayName("GET /api/v1/plugins shows greeter started and why each broken plugin failed")
  void pluginListShowsStatesAndReasons() {
    Map<String, JsonObject> plugins = plugins();
    assertEquals(List.of("broken-migration", "broken-start", "future-core", "greeter"),
        new ArrayList<>(plugins.keySet()));

    JsonObject greeter = plugins.get("greeter");
    JsonObject brokenStart = plugins.get("broken-start");
    JsonObject brokenMigration = plugins.get("broken-migration");
    JsonObject futureCore = plugins.get("future-core");
    assertAll(
        () -> assertEquals("started", greeter.getString("state"), greeter::encode),
        () -> assertEquals(null, greeter.getString("error"), greeter::encode),
        () -> assertEquals(TestPluginJars.jar("greeter").getFileName().toString(), greeter.getString("source"),
            "loaded from its jar: " + greeter.encode()),
        () -> assertEquals(new JsonArray().add(YUCI), greeter.getJsonArray("counties"), greeter::encode),

        () -> assertEquals("failed", brokenStart.getString("state"), brokenStart::encode),
        () -> assertTrue(brokenStart.getString("error").contains("boom at start"), brokenStart::encode),
        () -> assertTrue(brokenStart.getString("error").startsWith("start"), "names the step: "
            + brokenStart.encode()),

        () -> assertEquals("failed", brokenMigration.getString("state"), brokenMigration::encode),
        () -> assertTrue(brokenMigration.getString("error").startsWith("migrate"), "names the step: "
            + brokenMigration.encode()),
        () -> assertTrue(brokenMigration.getString("error").contains("syntax error"), "gives the database's "
            + "reason: " + brokenMigration.encode()),

        () -> assertEquals("failed", futureCore.getString("state"), futureCore::encode),
        () -> assertEquals(">=99.0.0", futureCore.getString("requires"), futureCore::encode),
        () -> assertTrue(futureCore.getString("error").contains("incompatible"), futureCore::encode),
        () -> assertTrue(futureCore.getString("error").contains(">=99.0.0"), futureCore::encode));
  }

  @Test
  @DisplayName("a failed plugin has nothing mounted: its routes answer 404")
  void failedPluginsServeNothing() {
    assertEquals(404, zx.http().get("/api/v1/broken-start/ping").status());
    assertEquals(404, zx.http().get("/api/v1/broken-migration/ping").status());
    assertEquals(404, zx.http().get("/api/v1/future-core/anything").status());
  }

  @Test
  @DisplayName("greeter stores a greeting for Yuci and lists it back, next to three failed plugins")
  void greeterServesWhileOthersFailed() {
    TestResponse created = zx.http().post(GREETINGS, new JsonObject().put("text", "  早上好 / Good morning "));
    assertEquals(201, created.status(), created::toString);
    JsonObject greeting = created.json();
    assertEquals(YUCI, greeting.getString("county"));
    assertEquals("早上好 / Good morning", greeting.getString("text"));
    long id = greeting.getLong("id");

    TestResponse listed = zx.http().get(GREETINGS);
    assertEquals(200, listed.status(), listed::toString);
    assertTrue(listed.json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .anyMatch(g -> g.getLong("id") == id && g.getString("text").equals("早上好 / Good morning")), listed::toString);

    Row row = zx.sql("SELECT county, text FROM greeter.greeting WHERE id = $1", id).iterator().next();
    assertEquals(YUCI, row.getString("county"));
    assertEquals("早上好 / Good morning", row.getString("text"));
  }

  @Test
  @DisplayName("greeter refuses a greeting without text (422 naming the field) and counties that do not enable it")
  void greeterValidatesAndIsScopedToEnablingCounties() {
    for (JsonObject body : List.of(new JsonObject(), new JsonObject().put("text", "   "))) {
      TestResponse r = zx.http().post(GREETINGS, body);
      assertEquals(422, r.status(), () -> body.encode() + " → " + r);
      assertTrue(r.contentType().startsWith("application/problem+json"), r::toString);
      assertEquals("text", r.json().getJsonArray("errors").getJsonObject(0).getString("field"), r::toString);
    }
    assertEquals(400, zx.http().send("POST", GREETINGS, "not json").status());

    TestResponse notEnabled = zx.http().post("/api/v1/greeter/counties/" + TAIGU + "/greetings",
        new JsonObject().put("text", "hello"));
    assertEquals(403, notEnabled.status(), notEnabled::toString);
    assertEquals(0L, zx.sql("SELECT count(*) FROM greeter.greeting WHERE county = $1", TAIGU).iterator().next()
        .getLong(0));
  }

  @Test
  @DisplayName("readiness is 503 and names the failed plugins while liveness stays 200")
  void readinessListsFailedPlugins() {
    TestResponse ready = zx.http().get("/health/ready");
    assertEquals(503, ready.status(), ready::toString);
    JsonObject body = ready.json();
    assertEquals("DOWN", body.getString("status"));
    assertEquals("UP", body.getJsonObject("checks").getString("database"));
    assertEquals("DOWN", body.getJsonObject("checks").getString("plugins"));
    List<String> notStarted = body.getJsonArray("pluginsNotStarted").stream().map(JsonObject.class::cast)
        .map(p -> p.getString("id")).sorted().toList();
    assertEquals(List.of("broken-migration", "broken-start", "future-core"), notStarted, ready::toString);

    TestResponse live = zx.http().get("/health/live");
    assertEquals(200, live.status(), live::toString);
  }

  @Test
  @DisplayName("/metrics carries greeter's greetings per county and every plugin's state")
  void metricsShowBusinessFiguresAndPluginStates() {
    assertEquals(201, zx.http().post(GREETINGS, new JsonObject().put("text", "counted")).status());
    long stored = zx.sql("SELECT count(*) FROM greeter.greeting WHERE county = $1", YUCI).iterator().next()
        .getLong(0);

    String scrape = Eventually.poll(DEADLINE, "zx_greeter_greetings{county=\"140702\"} = " + stored,
        () -> zx.http().get("/metrics").body(),
        text -> PrometheusText.value(text, "zx_greeter_greetings", Map.of("county", YUCI)).orElse(-1) == stored);

    assertEquals(OptionalDouble.of(0), PrometheusText.value(scrape, "zx_greeter_greetings", Map.of("county", TAIGU)),
        "every county has a series, 0 when it has no greeting");
    assertAll(
        () -> assertEquals(OptionalDouble.of(1), PrometheusText.value(scrape, "zx_plugin_state",
            Map.of("plugin", "greeter", "state", "started"))),
        () -> assertEquals(OptionalDouble.of(0), PrometheusText.value(scrape, "zx_plugin_state",
            Map.of("plugin", "greeter", "state", "failed"))),
        () -> assertEquals(OptionalDouble.of(1), PrometheusText.value(scrape, "zx_plugin_state",
            Map.of("plugin", "broken-start", "state", "failed"))),
        () -> assertEquals(OptionalDouble.of(1), PrometheusText.value(scrape, "zx_plugin_state",
            Map.of("plugin", "broken-migration", "state", "failed"))),
        () -> assertEquals(OptionalDouble.of(1), PrometheusText.value(scrape, "zx_plugin_state",
            Map.of("plugin", "future-core", "state", "failed"))));
  }

  @Test
  @DisplayName("greeter's job runs every second for the counties that enable it, through the job ledger")
  void tallyJobRunsForEnablingCounties() {
    Eventually.poll(DEADLINE, "a succeeded run of greeter/tally for Yuci",
        () -> count("SELECT count(*) FROM core.job_run WHERE plugin_id = 'greeter' AND job_name = 'tally' "
            + "AND county_code = $1 AND outcome = 'succeeded'", YUCI),
        n -> n >= 1);
    long tallies = count("SELECT count(*) FROM greeter.tally WHERE county = $1", YUCI);
    assertTrue(tallies >= 1, "the run's row reached greeter.tally");
    assertEquals(0, count("SELECT count(*) FROM greeter.tally WHERE county IS DISTINCT FROM $1", YUCI),
        "only counties enabling greeter get runs");
    assertEquals(0, count("SELECT count(*) FROM core.job_run WHERE plugin_id = 'greeter' AND outcome <> 'succeeded' "
        + "AND outcome <> 'running'"), "no run failed");
  }

  @Test
  @DisplayName("greeter reads its own configuration section (plugins.greeter)")
  void configurationSectionReachesThePlugin() {
    TestResponse summary = zx.http().get("/api/v1/greeter/summary");
    assertEquals(200, summary.status(), summary::toString);
    assertEquals(CONFIGURED_GREETING, summary.json().getString("greeting"), summary::toString);
  }

  @Test
  @DisplayName("a restart on the same database keeps the data and neither re-runs migrations nor re-seeds")
  void restartDoesNotRemigrateOrReseed() {
    TestResponse created = zx.http().post(GREETINGS, new JsonObject().put("text", "before the restart"));
    assertEquals(201, created.status(), created::toString);
    List<String> history = migrationHistory();
    assertTrue(history.stream().anyMatch(h -> h.startsWith("1|")), "V1 applied at the first start: " + history);
    assertEquals(1, count("SELECT count(*) FROM greeter.greeting WHERE text = $1", WELCOME));

    zx.restart();

    assertEquals("started", plugins().get("greeter").getString("state"));
    assertEquals(history, migrationHistory(), "no migration ran again");
    assertEquals(1, count("SELECT count(*) FROM greeter.greeting WHERE text = $1", WELCOME), "seeded once only");
    TestResponse listed = zx.http().get(GREETINGS);
    assertEquals(200, listed.status(), listed::toString);
    assertTrue(listed.body().contains("before the restart"), listed::toString);
    assertTrue(plugins().get("broken-start").getString("error").contains("boom at start"),
        "the broken plugins fail the same way again");
  }

  private static Map<String, JsonObject> plugins() {
    TestResponse r = zx.http().get("/api/v1/plugins");
    assertEquals(200, r.status(), r::toString);
    Map<String, JsonObject> byId = new java.util.TreeMap<>();
    r.json().getJsonArray("items").forEach(item -> byId.put(((JsonObject) item).getString("id"), (JsonObject) item));
    return byId;
  }

  /** greeter's Flyway history, one "version|script|checksum|installed_on|success" line per row. */
  private static List<String> migrationHistory() {
    return StreamSupport.stream(zx.sql("SELECT version, script, checksum, installed_on, success "
            + "FROM greeter.flyway_history ORDER BY installed_rank").spliterator(), false)
        .map(r -> r.getString("version") + "|" + r.getString("script") + "|" + r.getInteger("checksum") + "|"
            + r.getLocalDateTime("installed_on") + "|" + r.getBoolean("success"))
        .toList();
  }

  private static long count(String sql, Object... params) {
    return zx.sql(sql, params).iterator().next().getLong(0);
  }
}
