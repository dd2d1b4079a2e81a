package cn.zhenxing.plugins.ecommerce.support;

import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/** The few things every route of the plugin does the same way: answer JSON, read an id from the path. */
public final class Http {

  private Http() {
  }

  public static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }

  /** A numeric id from the path; anything else names no row, so it is a 404 like a missing one. */
  public static long id(RoutingContext rc, String param, String what) {
    String text = rc.pathParam(param);
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // falls through to the 404
    }
    throw notFound(what);
  }

  public static Problem notFound(String what) {
    return Problem.notFound(what + "不存在 / " + what + " not found");
  }

  /** The single row of a result, or a 404 naming what was looked for (also when it belongs to another county). */
  public static Row single(RowSet<Row> rows, String what) {
    if (rows.size() == 0) {
      throw notFound(what);
    }
    return rows.iterator().next();
  }
}
