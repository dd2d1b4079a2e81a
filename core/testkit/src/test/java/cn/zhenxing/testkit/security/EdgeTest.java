package cn.zhenxing.testkit.security;

import static cn.zhenxing.testkit.security.Sec.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: browsers get the headers that keep the pages and answers safe, the city's portal (and only it) may call the
 * API from another origin, and only Prometheus with the scrape token reads the metrics.
 */
class EdgeTest {

  static final String TOKEN = "scrape-token-0123456789abcdef";
  static final String PORTAL = "https://portal.jinzhong.example";

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .config("security.metricsToken", TOKEN)
      .config("security.corsOrigins", PORTAL + ", http://localhost:5173")
      .build();

  @Test
  void everyAnswerCarriesTheSecurityHeaders_andApiAnswersAreNotStored() {
    List<TestResponse> answers = List.of(
        zx.http().get("/api/v1/counties"),                    // 200
        zx.anonymous().get("/api/v1/counties"),               // 401
        zx.http().get("/api/v1/counties/140799"),             // 404 problem
        zx.http().get("/api/v1/no/such/route"),               // router 404
        zx.anonymous().get("/health/live"),
        zx.anonymous().get("/api/docs"),
        zx.anonymous().get("/no-such-page"));
    for (TestResponse answer : answers) {
      String csp = answer.header("Content-Security-Policy");
      assertTrue(csp != null && csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
          () -> "CSP on " + answer);
      assertEquals("nosniff", answer.header("X-Content-Type-Options"), answer::toString);
      assertEquals("no-referrer", answer.header("Referrer-Policy"), answer::toString);
      assertEquals("DENY", answer.header("X-Frame-Options"), answer::toString);
    }
    for (TestResponse api : answers.subList(0, 4)) {
      assertEquals("no-store", api.header("Cache-Control"), api::toString);
    }
    assertEquals(200, answers.get(5).status(), "the API docs page still loads");
  }

  @Test
  void metricsNeedTheScrapeToken_healthDoesNot() {
    problem(401, zx.anonymous().get("/metrics"));
    problem(401, zx.anonymous().withHeader("Authorization", "Bearer not-the-token").get("/metrics"));
    problem(401, zx.http().get("/metrics")); // a user's session is not the scrape token
    TestResponse scraped = zx.anonymous().withHeader("Authorization", "Bearer " + TOKEN).get("/metrics");
    assertEquals(200, scraped.status());
    assertTrue(scraped.body().contains("jvm_"), "Prometheus text");
    assertEquals(200, zx.anonymous().get("/health/live").status());
    assertEquals(200, zx.anonymous().get("/health/ready").status());
  }

  @Test
  void corsAllowsOnlyTheConfiguredOrigins() {
    TestResponse preflight = zx.anonymous().withHeader("Origin", PORTAL)
        .withHeader("Access-Control-Request-Method", "POST")
        .withHeader("Access-Control-Request-Headers", "authorization, content-type")
        .send("OPTIONS", "/api/v1/auth/login", null);
    assertTrue(preflight.status() == 200 || preflight.status() == 204, preflight::toString);
    assertEquals(PORTAL, preflight.header("Access-Control-Allow-Origin"));
    assertTrue(preflight.header("Access-Control-Allow-Headers").toLowerCase().contains("authorization"));

    TestResponse allowed = zx.http().withHeader("Origin", PORTAL).get("/api/v1/counties");
    assertEquals(200, allowed.status());
    assertEquals(PORTAL, allowed.header("Access-Control-Allow-Origin"));

    TestResponse foreign = zx.http().withHeader("Origin", "https://evil.example").get("/api/v1/counties");
    assertNull(foreign.header("Access-Control-Allow-Origin"), foreign.headers()::toString);
    TestResponse foreignPreflight = zx.anonymous().withHeader("Origin", "https://evil.example")
        .withHeader("Access-Control-Request-Method", "POST").send("OPTIONS", "/api/v1/auth/login", null);
    assertNull(foreignPreflight.header("Access-Control-Allow-Origin"), foreignPreflight::toString);
  }
}
