package cn.zhenxing.server.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writing JSON answers the same way everywhere in the core. */
public final class Responses {

  private Responses() {
  }

  public static void json(RoutingContext rc, int status, Object body) {
    String text = body instanceof JsonObject o ? o.encode() : io.vertx.core.json.Json.encode(body);
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(text);
  }
}
