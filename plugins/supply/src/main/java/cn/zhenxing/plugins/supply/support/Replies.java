package cn.zhenxing.plugins.supply.support;

import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/** Writing JSON answers and reading ids from paths. */
public final class Replies {

  private Replies() {
  }

  public static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }

  public static void ok(RoutingContext rc, JsonObject body) {
    json(rc, 200, body);
  }

  /** A path id such as {@code :id}; 404 when it is not a positive whole number (nothing could match it). */
  public static long id(RoutingContext rc, String param) {
    String text = rc.pathParam(param);
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // falls through to 404
    }
    throw Problem.notFound("记录不存在 / No such record: " + param + "=" + text);
  }

  /** The one row of a lookup by id, or 404 naming what was looked for. */
  public static Row one(RowSet<Row> rows, String zh, String en, long id) {
    if (rows.size() == 0) {
      throw Problem.notFound(zh + "不存在 / No such " + en + ": " + id);
    }
    return rows.iterator().next();
  }
}
