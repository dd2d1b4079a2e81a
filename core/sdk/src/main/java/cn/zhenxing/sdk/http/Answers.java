package cn.zhenxing.sdk.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON answers, written the same way by every route of every plugin (errors go through {@link Problem}). */
public final class Answers {

  private Answers() {
  }

  /** 200 with the body. */
  public static void ok(RoutingContext rc, JsonObject body) {
    json(rc, 200, body);
  }

  /** 201 with the created thing. */
  public static void created(RoutingContext rc, JsonObject body) {
    json(rc, 201, body);
  }

  /** Any status with a JSON body, UTF-8 (encoded straight into bytes: no intermediate string). */
  public static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.toBuffer());
  }
}
