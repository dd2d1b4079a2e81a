package cn.zhenxing.plugins.labor.common;

import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * JSON answers and path ids, the same way in every route of the plugin. Query parameters are read with the SDK's
 * {@code Fields.ofQuery}; the SDK has no answer helper yet (every plugin keeps one like this).
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

  /** A numeric id from the path; anything else names nothing that exists (404). */
  public static long id(RoutingContext rc, String name) {
    try {
      return Long.parseLong(rc.pathParam(name));
    } catch (NumberFormatException | NullPointerException e) {
      throw Problem.notFound("记录不存在 / No such record: " + name);
    }
  }
}
