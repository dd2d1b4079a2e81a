package cn.zhenxing.plugins.supply.support;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.ext.web.RoutingContext;

/**
 * Whose rows a request works on: the URL's county on county routes, the city ({@value County#CITY_CODE}) on city
 * routes. The city's own rows (its cooperative, its agreement with the provincial group, city targets) are stored
 * under the city code, so the same handlers serve both and one county's rows stay invisible to another.
 */
public final class Scope {

  private Scope() {
  }

  public static String of(RoutingContext rc) {
    County county = rc.get(Requests.COUNTY_KEY);
    return county == null ? County.CITY_CODE : county.code();
  }

  public static boolean isCity(String scope) {
    return County.CITY_CODE.equals(scope);
  }

  /**
   * The scope condition of a register list on {@code column}: a county sees its own rows; the city sees every row
   * (its own and the counties'), or one county's with {@code ?county=} (read with the request's other parameters).
   */
  public static Where where(RoutingContext rc, String column, Fields query) {
    String scope = of(rc);
    return isCity(scope) ? Where.all().and(column + " = $?", query.text("county", 6, false))
        : Where.county(column, scope);
  }
}
