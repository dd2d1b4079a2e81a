package cn.zhenxing.plugins.monitoring.support;

import cn.zhenxing.sdk.http.Requests;
import io.vertx.ext.web.RoutingContext;

/** Small helpers every route of the plugin shares. */
public final class Http {

  private Http() {
  }

  /** Who acts, for history rows and procedure steps. */
  public static String actor(RoutingContext rc) {
    return Requests.principal(rc).username();
  }

  public static String county(RoutingContext rc) {
    return Requests.county(rc).code();
  }
}
