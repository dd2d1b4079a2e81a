package cn.zhenxing.plugins.supply.support;

import cn.zhenxing.sdk.http.Problem;
import io.vertx.ext.web.RoutingContext;

/** Ids read from paths. */
public final class PathId {

  private PathId() {
  }

  /** A path id such as {@code :id}; 404 when it is not a positive whole number (nothing could match it). */
  public static long of(RoutingContext rc, String param) {
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
}
