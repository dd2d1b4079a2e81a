package cn.zhenxing.plugins.safety.web;

import cn.zhenxing.sdk.http.Problem;
import io.vertx.ext.web.RoutingContext;

/** Ids in URLs: anything that is not a positive number names nothing, so it is a 404 like an unknown id. */
public final class PathIds {

  private PathIds() {
  }

  /**
   * @param what the thing's name for the message, Chinese first ({@code "隐患 / Hazard"})
   * @throws Problem 404 when the parameter is not a positive whole number
   */
  public static long of(RoutingContext rc, String param, String what) {
    try {
      long id = Long.parseLong(rc.pathParam(param));
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // falls through to the 404
    }
    throw notFound(what);
  }

  public static Problem notFound(String what) {
    return Problem.notFound(what + " 不存在 / not found");
  }
}
