package cn.zhenxing.testkit;

import static cn.zhenxing.testkit.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.fixtures.GardenPlugin;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: whatever goes wrong with a request (the client's mistake, a conflict, a bug in a plugin), the client gets
 * an {@code application/problem+json} answer it can act on, with a request id to quote, and never a stack trace.
 */
class ProblemResponsesTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin(GardenPlugin.ID, GardenPlugin::new)
      .config("http.bodyLimit", "2048")
      .build();

  private static final String PLOTS = "/api/v1/garden/counties/140702/plots";

  @BeforeAll
  static void enableGarden() {
    TestResponse r = zx.http().put("/api/v1/counties/140702/plugins/garden", new JsonObject().put("enabled", true));
    assertEquals(200, r.status(), r::toString);
  }

  @Test
  void malformedJsonIsABadRequest_inTheCoreApiAndInAPlugin() {
    JsonObject core = assertProblem(400, zx.http().send("PUT", "/api/v1/counties/140702/plugins/garden",
        "{\"enabled\": tru"));
    assertEquals("/problems/bad-request", core.getString("type"));

    assertProblem(400, zx.http().send("POST", PLOTS, "{name: 'no quotes'"));
    assertProblem(400, zx.http().send("POST", PLOTS, "[\"an array\"]"));
  }

  @Test
  void aFieldOfTheWrongTypeIsAClientErrorNamingTheField() {
    TestResponse response = zx.http().post(PLOTS, new JsonObject().put("name", 42));
    assertTrue(response.status() >= 400 && response.status() < 500, response::toString);
    JsonObject problem = assertProblem(response.status(), response);
    assertEquals("name", problem.getJsonArray("errors").getJsonObject(0).getString("field"), problem::encode);
  }

  @Test
  void anUnknownAddressIsNotFound() {
    assertProblem(404, zx.http().get("/api/v1/nope"));
    assertProblem(404, zx.http().get("/api/v1/garden/counties/140702/nope"));
    assertProblem(404, zx.http().get("/nothing-here"));
  }

  @Test
  void aBodyOverTheConfiguredLimitIsTooLarge() {
    String big = new JsonObject().put("name", "x".repeat(4096)).encode();
    JsonObject problem = assertProblem(413, zx.http().send("POST", PLOTS, big));
    assertEquals("/problems/payload-too-large", problem.getString("type"));

    // Just under the limit is fine.
    String small = new JsonObject().put("name", "y".repeat(1800)).encode();
    assertEquals(201, zx.http().send("POST", PLOTS, small).status());
  }

  @Test
  void aBugInAPluginIsA500WithoutItsInternals_butWithARequestIdToQuote() {
    TestResponse response = zx.http().get("/api/v1/garden/counties/140702/boom");
    JsonObject problem = assertProblem(500, response);
    assertEquals("/problems/internal", problem.getString("type"));
    assertNotNull(problem.getString("requestId"));
    for (String leak : List.of("RuntimeException", "Exception", "hunter2", GardenPlugin.SECRET, "at cn.zhenxing",
        "GardenPlugin", ".java")) {
      assertFalse(response.body().contains(leak), () -> "500 body leaks '" + leak + "': " + response.body());
    }
  }

  @Test
  void aDuplicateFromThePluginsInsertIsAConflictNotAServerError() {
    JsonObject plot = new JsonObject().put("name", "north field");
    assertEquals(201, zx.http().post(PLOTS, plot).status());

    TestResponse duplicate = zx.http().post(PLOTS, plot);
    JsonObject problem = assertProblem(409, duplicate);
    assertEquals("/problems/duplicate", problem.getString("type"));
    assertFalse(duplicate.body().contains("INSERT"), duplicate::body);
    assertFalse(duplicate.body().contains("23505"), duplicate::body);
    assertEquals("本县区已有同名地块 / A plot with this name exists here",
        assertInvalidFieldOf(problem, "name"), "the field and reason the plugin declared for its constraint");

    // The same name in another county is not a duplicate: the rule is per county.
    TestResponse r = zx.http().put("/api/v1/counties/140703/plugins/garden", new JsonObject().put("enabled", true));
    assertEquals(200, r.status(), r::toString);
    assertEquals(201, zx.http().post("/api/v1/garden/counties/140703/plots", plot).status());
  }

  private static String assertInvalidFieldOf(JsonObject problem, String field) {
    JsonObject error = problem.getJsonArray("errors").getJsonObject(0);
    assertEquals(field, error.getString("field"), problem::encode);
    return error.getString("reason");
  }

  @Test
  void everyAnswerCarriesARequestId_andASaneIncomingOneIsEchoed() {
    List<TestResponse> answers = List.of(
        zx.http().get("/health/live"),
        zx.http().get("/api/v1/counties"),
        zx.http().get(PLOTS),
        zx.http().get("/api/v1/nope"),
        zx.http().get("/api/v1/garden/counties/140799/plots"),
        zx.http().send("POST", PLOTS, "{oops"),
        zx.http().get("/api/v1/garden/counties/140702/boom"));
    for (TestResponse answer : answers) {
      String id = answer.header("X-Request-Id");
      assertNotNull(id, () -> "no X-Request-Id on " + answer);
      assertFalse(id.isBlank());
    }
    assertNotEquals(answers.get(0).header("X-Request-Id"), answers.get(1).header("X-Request-Id"));

    TestHttp traced = zx.http().withHeader("X-Request-Id", "gateway-7f3a.42");
    assertEquals("gateway-7f3a.42", traced.get(PLOTS).header("X-Request-Id"));
    TestResponse failed = traced.get("/api/v1/garden/counties/140702/boom");
    assertEquals("gateway-7f3a.42", failed.header("X-Request-Id"));
    assertEquals("gateway-7f3a.42", failed.json().getString("requestId"));

    // An id that could forge log lines is replaced, not echoed.
    TestResponse forged = zx.http().withHeader("X-Request-Id", "x y\tz" + "a".repeat(100)).get(PLOTS);
    assertNotNull(forged.header("X-Request-Id"));
    assertFalse(forged.header("X-Request-Id").contains(" "), forged.header("X-Request-Id"));
  }

  /**
   * The console is written by an asynchronous appender (the event loops never wait for it); a request's log lines
   * still name its request id, taken on the thread that logged.
   */
  @Test
  void aRequestsLogLinesCarryItsIdThroughTheAsynchronousConsole() {
    ch.qos.logback.classic.Logger access =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(cn.zhenxing.server.http.AccessLog.LOGGER);
    java.util.Queue<String> ids = new java.util.concurrent.ConcurrentLinkedQueue<>();
    ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> capture = new ch.qos.logback.core
        .AppenderBase<>() {
      @Override
      protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
        ids.add(new cn.zhenxing.server.http.RequestIdConverter().convert(event) + " " + event.getFormattedMessage());
      }
    };
    capture.start();
    access.addAppender(capture);
    try {
      zx.http().withHeader("X-Request-Id", "trace-4711").get(PLOTS);
      Eventually.poll(java.time.Duration.ofSeconds(10), "the access line", () -> List.copyOf(ids),
          lines -> lines.stream().anyMatch(l -> l.startsWith("trace-4711 GET " + PLOTS)));
    } finally {
      access.detachAppender(capture);
    }
    assertTrue(((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        org.slf4j.Logger.ROOT_LOGGER_NAME)).getAppender("ASYNC") instanceof ch.qos.logback.classic.AsyncAppender,
        "the console is written asynchronously");
  }
}
