package cn.zhenxing.server.security;

import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.security.Principal;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * The authorisation step in front of a plugin's routes, after authentication and the county check:
 * <ul>
 *   <li>a county route is open only to accounts of that county or of the city: others get 403 (their lists never
 *       contain other counties' rows, because the route names the county);</li>
 *   <li>a city-wide route is open only to city accounts, because it shows every county's data;</li>
 *   <li>reading (GET, HEAD) needs {@code <plugin>.read}; every other method needs {@code <plugin>.write}.</li>
 * </ul>
 * Finer permissions are declared on single routes with {@code ctx.permissions().require(...)}. Every refusal is
 * audited.
 */
public final class AccessGuard implements Handler<RoutingContext> {

  private final String pluginId;
  private final boolean countyRoute;
  private final AccessDenials denials;

  public AccessGuard(String pluginId, boolean countyRoute, AccessDenials denials) {
    this.pluginId = pluginId;
    this.countyRoute = countyRoute;
    this.denials = denials;
  }

  @Override
  public void handle(RoutingContext rc) {
    Principal principal = Requests.principal(rc);
    if (countyRoute) {
      String county = rc.pathParam("county");
      if (!principal.covers(county)) {
        denials.deny(rc, pluginId, "county:" + county, Problem.forbidden("您的账号只能访问本县区数据 / Your account "
            + "may only access the data of county " + principal.countyCode()));
        return;
      }
    } else if (!principal.cityLevel()) {
      denials.deny(rc, pluginId, "city", Problem.forbidden(
          "全市汇总仅对市级账号开放 / City-wide views are for city accounts only"));
      return;
    }
    HttpMethod method = rc.request().method();
    String needed = method == HttpMethod.GET || method == HttpMethod.HEAD ? pluginId + ".read" : pluginId + ".write";
    if (!principal.can(needed)) {
      denials.deny(rc, pluginId, needed, AccessDenials.missing(needed));
      return;
    }
    rc.next();
  }
}
