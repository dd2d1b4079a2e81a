package cn.zhenxing.plugins.safety.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writing JSON answers. */
public final class Replies {

  private Replies() {
  }

  public static void ok(RoutingContext rc, JsonObject body) {
    send(rc, 200, body);
  }

  public static void created(RoutingContext rc, JsonObject body) {
    send(rc, 201, body);
  }

  public static void send(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }
}
