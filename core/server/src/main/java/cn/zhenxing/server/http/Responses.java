package cn.zhenxing.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writing JSON answers the same way everywhere in the core. */
public final class Responses {

  private Responses() {
  }

  /** Any status with a JSON body, UTF-8 (encoded straight into bytes: no intermediate string). */
  public static void json(RoutingContext rc, int status, Object body) {
    Buffer bytes = body instanceof JsonObject o ? o.toBuffer() : io.vertx.core.json.Json.encodeToBuffer(body);
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(bytes);
  }
}
