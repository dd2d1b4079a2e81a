package cn.zhenxing.plugins.labor.common;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * JSON answers, the same way in every route of the plugin. Path ids are read with the SDK's {@code Requests.id} and
 * query parameters with {@code Fields.ofQuery}; the SDK has no answer helper yet (every plugin keeps one like this).
 */
public final class Http {

  private Http() {
  }

  public static void ok(RoutingContext rc, JsonObject body) {
    send(rc, 200, body);
  }

  public static void created(RoutingContext rc, JsonObject body) {
    send(rc, 201, body);
  }

  private static void send(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }
}
