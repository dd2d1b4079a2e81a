package cn.zhenxing.plugins.supply.registry;

import cn.zhenxing.plugins.supply.support.Scope;
import cn.zhenxing.sdk.http.Fields;
import io.vertx.ext.web.RoutingContext;

/** The scope filter of register lists: a county sees its rows; the city sees all, or one county with ?county=. */
final class Lists {

  /** SQL condition on {@code county_code} for parameters {@code $1} (scope) and {@code $2} (county filter). */
  static final String SCOPE = "($1::text = '140700' OR county_code = $1) AND ($2::text IS NULL OR county_code = $2)";

  private Lists() {
  }

  /** The city's {@code ?county=} filter (ignored on county routes), read with the request's other parameters. */
  static String countyFilter(RoutingContext rc, Fields query) {
    return Scope.isCity(Scope.of(rc)) ? query.text("county", 6, false) : null;
  }
}
