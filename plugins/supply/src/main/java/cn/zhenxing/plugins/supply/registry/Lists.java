package cn.zhenxing.plugins.supply.registry;

import cn.zhenxing.plugins.supply.support.Scope;
import io.vertx.ext.web.RoutingContext;

/** The scope filter of register lists: a county sees its rows; the city sees all, or one county with ?county=. */
final class Lists {

  /** SQL condition on {@code county_code} for parameters {@code $1} (scope) and {@code $2} (county filter). */
  static final String SCOPE = "($1::text = '140700' OR county_code = $1) AND ($2::text IS NULL OR county_code = $2)";

  private Lists() {
  }

  static String countyFilter(RoutingContext rc) {
    return Scope.isCity(Scope.of(rc)) ? rc.queryParams().get("county") : null;
  }
}
