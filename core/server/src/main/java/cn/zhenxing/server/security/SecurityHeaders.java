package cn.zhenxing.server.security;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every response carries, whatever answers it (a handler, the problem responder, the router's 404):
 * <ul>
 *   <li>{@code Content-Security-Policy}: only this origin's scripts and styles (the Swagger UI at {@code /api/docs}
 *       loads its own from here; its stylesheet needs inline styles, its icons data: URIs); no framing, no plugins,
 *       no foreign form targets;</li>
 *   <li>{@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer}, {@code X-Frame-Options: DENY};
 *   </li>
 *   <li>{@code Cache-Control: no-store} on API answers ({@code /api/v1/...}): they hold personal data and session
 *       state that no browser or proxy should keep. The documentation's static assets keep their own caching.</li>
 * </ul>
 */
final class SecurityHeaders implements Handler<RoutingContext> {

  static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
      + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

  @Override
  public void handle(RoutingContext rc) {
    boolean api = rc.request().path() != null && rc.request().path().startsWith("/api/v1/");
    rc.addHeadersEndHandler(v -> {
      MultiMap headers = rc.response().headers();
      headers.set("Content-Security-Policy", CSP);
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("Referrer-Policy", "no-referrer");
      headers.set("X-Frame-Options", "DENY");
      if (api) {
        headers.set("Cache-Control", "no-store");
      }
    });
    rc.next();
  }
}
