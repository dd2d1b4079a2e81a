package cn.zhenxing.plugins.ecommerce.support;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The 201 answer of a create route. */
public final class Http {

  private Http() {
  }

  /** The 201 answer of a create route. */
  public static void created(RoutingContext rc, JsonObject body) {
    rc.response().setStatusCode(201);
    rc.json(body);
  }
}
