package cn.zhenxing.plugins.supply.agreement;

import cn.zhenxing.plugins.supply.support.Scope;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Fulfilment views: a county's (its agreements, per product, against its target share) and the city's (its own
 * agreement with the provincial group, each county against its split, and the counties' total against the city
 * target).
 */
public final class FulfilmentRoutes {

  private final PluginContext ctx;

  public FulfilmentRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mountCounty(Router county) {
    county.get("/fulfilment").handler(rc -> Fulfilment.ofScope(ctx.pool(), Scope.of(rc))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail));
  }

  public void mountCity(Router city) {
    city.get("/fulfilment").handler(this::city);
  }

  private void city(RoutingContext rc) {
    Future<JsonObject> own = Fulfilment.ofScope(ctx.pool(), County.CITY_CODE);
    Future<Map<String, JsonObject>> scopes = Fulfilment.byScope(ctx.pool());
    Future<JsonArray> products = Fulfilment.countiesByProduct(ctx.pool());
    Future<Map<String, BigDecimal>> targets = ctx.pool()
        .preparedQuery("SELECT county_code, tonnes FROM supply.target WHERE kind = 'agreement'").execute()
        .map(rows -> {
          Map<String, BigDecimal> map = new java.util.HashMap<>();
          rows.forEach(r -> map.put(r.getString("county_code"), r.getBigDecimal("tonnes")));
          return map;
        });
    Future.all(own, scopes, products, targets).onSuccess(v -> {
      JsonArray counties = new JsonArray();
      BigDecimal agreed = BigDecimal.ZERO;
      BigDecimal delivered = BigDecimal.ZERO;
      for (County county : ctx.counties().counties()) {
        JsonObject figures = scopes.result().getOrDefault(county.code(),
            new JsonObject().put("agreed", 0).put("delivered", 0).putNull("fulfilment"));
        BigDecimal target = targets.result().getOrDefault(county.code(), BigDecimal.ZERO);
        agreed = agreed.add(new BigDecimal(figures.getValue("agreed").toString()));
        delivered = delivered.add(new BigDecimal(figures.getValue("delivered").toString()));
        counties.add(figures.copy().put("county", county.code()).put("name", county.nameZh())
            .put("target", Rows.decimal(target)).put("targetProgress", Fulfilment.share(figures.getValue("agreed"),
                target)));
      }
      BigDecimal cityTarget = targets.result().getOrDefault(County.CITY_CODE, BigDecimal.ZERO);
      Answers.ok(rc, new JsonObject()
          .put("cityAgreements", own.result().copy().put("county", County.CITY_CODE))
          .put("counties", counties)
          .put("countiesTotal", new JsonObject().put("target", Rows.decimal(cityTarget))
              .put("agreed", Rows.decimal(agreed)).put("delivered", Rows.decimal(delivered))
              .put("fulfilment", Fulfilment.share(delivered, agreed))
              .put("targetProgress", Fulfilment.share(agreed, cityTarget)))
          .put("products", products.result()));
    }).onFailure(rc::fail);
  }
}
