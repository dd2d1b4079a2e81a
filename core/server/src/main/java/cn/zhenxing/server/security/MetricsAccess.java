package cn.zhenxing.server.security;

import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Guards {@code /metrics} with the scrape token of {@code security.metricsToken} ({@code ZX_METRICS_TOKEN}) when one
 * is configured: Prometheus sends it as {@code Authorization: Bearer <token>} ({@code authorization} in the scrape
 * configuration). Without a configured token the endpoint stays open; health checks are never guarded.
 */
final class MetricsAccess implements Handler<RoutingContext> {

  private final byte[] expected;

  MetricsAccess(String token) {
    this.expected = token == null || token.isEmpty() ? null : digest(token);
  }

  boolean enabled() {
    return expected != null;
  }

  @Override
  public void handle(RoutingContext rc) {
    if (expected == null) {
      rc.next();
      return;
    }
    String header = rc.request().getHeader("Authorization");
    String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
        : null;
    // Compared as digests, in constant time.
    if (token != null && MessageDigest.isEqual(expected, digest(token))) {
      rc.next();
      return;
    }
    rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
    rc.fail(new Problem(401, "/problems/unauthenticated", "未登录 / Not authenticated",
        "指标需要抓取令牌 / /metrics needs the scrape token: Authorization: Bearer <token>"));
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
