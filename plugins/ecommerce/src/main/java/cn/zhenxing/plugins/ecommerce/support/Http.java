package cn.zhenxing.plugins.ecommerce.support;

import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** What the SDK does not offer yet: reading an id from the path, answering 201. */
public final class Http {

  private Http() {
  }

  /** The 201 answer of a create route. */
  public static void created(RoutingContext rc, JsonObject body) {
    rc.response().setStatusCode(201);
    rc.json(body);
  }

  /**
   * A numeric id from the path; anything else names no row, so it is a 404 like a missing one (worded like
   * {@code Rows.one}'s).
   */
  public static long id(RoutingContext rc, String param, String whatZh, String whatEn) {
    String text = rc.pathParam(param);
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // falls through to the 404
    }
    throw Problem.notFound(whatZh + "不存在 / No such " + whatEn);
  }
}
