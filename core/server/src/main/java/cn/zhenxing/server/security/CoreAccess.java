package cn.zhenxing.server.security;

import cn.zhenxing.sdk.http.Requests;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Route handlers that require a core permission, for the core's own API. */
public final class CoreAccess {

  private final AccessDenials denials;

  public CoreAccess(AccessDenials denials) {
    this.denials = denials;
  }

  /** Lets the request through only when the user holds {@code permission}; else 403, audited. */
  public Handler<RoutingContext> require(String permission) {
    return rc -> {
      if (Requests.principal(rc).can(permission)) {
        rc.next();
      } else {
        denials.deny(rc, "core", permission, AccessDenials.missing(permission));
      }
    };
  }
}
