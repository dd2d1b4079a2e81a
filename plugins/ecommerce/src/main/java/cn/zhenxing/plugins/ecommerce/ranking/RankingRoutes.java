package cn.zhenxing.plugins.ecommerce.ranking;

import cn.zhenxing.plugins.ecommerce.support.Http;
import cn.zhenxing.plugins.ecommerce.support.Months;
import cn.zhenxing.plugins.ecommerce.support.Rows;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Requests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** The stored quarterly e-town ranking: city-wide for the city, the county's own e-towns for a county. */
public final class RankingRoutes {

  private static final String SELECT = "SELECT k.quarter, k.etown_id, e.name, e.township, k.county_code, k.sales,"
      + " k.previous_sales, k.growth, k.linked_households, k.city_rank, k.county_rank, k.computed_at"
      + " FROM ecommerce.etown_ranking k JOIN ecommerce.etown e ON e.id = k.etown_id"
      + " WHERE k.quarter = coalesce($1, (SELECT max(quarter) FROM ecommerce.etown_ranking))";

  private final PluginContext ctx;

  public RankingRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mountCounty(Router county) {
    county.get("/rankings").handler(rc -> answer(rc, Requests.county(rc).code()));
  }

  public void mountCity(Router city) {
    city.get("/rankings").handler(rc -> answer(rc, null));
  }

  /** The ranking of {@code ?quarter=2024Q1} (default: the latest computed), of one county or of the city. */
  private void answer(RoutingContext rc, String county) {
    Fields query = Fields.ofQuery(rc);
    String quarter = query.text("quarter", 6, false);
    query.check(quarter == null || Months.quarterStart(quarter) != null, "quarter",
        "季度格式应为 2024Q1 / must be a quarter written 2024Q1").validate();
    String sql = SELECT + (county == null ? " AND $2::text IS NULL ORDER BY k.city_rank, k.etown_id"
        : " AND k.county_code = $2 ORDER BY k.county_rank, k.etown_id");
    ctx.pool().preparedQuery(sql).execute(Tuple.of(quarter, county))
        .onSuccess(rows -> {
          JsonArray items = new JsonArray();
          String shown = null;
          for (Row r : rows) {
            shown = r.getString("quarter");
            items.add(Rows.putIf(new JsonObject().put("etownId", r.getLong("etown_id")).put("name", r.getString("name"))
                .put("township", r.getString("township")).put("county", r.getString("county_code"))
                .put("sales", Rows.money(r, "sales")).put("previousSales", Rows.money(r, "previous_sales"))
                .put("linkedHouseholds", r.getInteger("linked_households")).put("cityRank", r.getInteger("city_rank"))
                .put("countyRank", r.getInteger("county_rank")).put("computedAt", Rows.instant(r, "computed_at")),
                "growth", r.getBigDecimal("growth")));
          }
          Http.json(rc, 200, Rows.putIf(new JsonObject().put("items", items), "quarter",
              shown != null ? shown : quarter));
        })
        .onFailure(rc::fail);
  }
}
