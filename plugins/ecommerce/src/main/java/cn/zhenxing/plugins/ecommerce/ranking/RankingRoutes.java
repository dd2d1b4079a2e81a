package cn.zhenxing.plugins.ecommerce.ranking;

import cn.zhenxing.plugins.ecommerce.support.Months;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The stored quarterly e-town ranking: city-wide for the city, the county's own e-towns for a county. */
public final class RankingRoutes {

  private static final String SELECT = "SELECT k.quarter, k.etown_id, e.name, e.township, k.county_code AS county,"
      + " k.sales, k.previous_sales, k.growth, k.linked_households, k.city_rank, k.county_rank, k.computed_at"
      + " FROM ecommerce.etown_ranking k JOIN ecommerce.etown e ON e.id = k.etown_id";

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
    Where where = (quarter != null ? Where.all().and("k.quarter = $?", quarter)
        : Where.all().and("k.quarter = (SELECT max(quarter) FROM ecommerce.etown_ranking)"))
        .and("k.county_code = $?", county);
    String order = county == null ? " ORDER BY k.city_rank, k.etown_id" : " ORDER BY k.county_rank, k.etown_id";
    ctx.pool().preparedQuery(SELECT + where.sql() + order).execute(where.params())
        .onSuccess(rows -> {
          JsonArray items = Rows.array(rows);
          // The quarter is the answer's, not each item's: the latest computed one when none was asked for.
          String shown = items.isEmpty() ? quarter : items.getJsonObject(0).getString("quarter");
          items.forEach(item -> ((JsonObject) item).remove("quarter"));
          JsonObject answer = new JsonObject().put("items", items);
          Answers.ok(rc, shown == null ? answer : answer.put("quarter", shown));
        })
        .onFailure(rc::fail);
  }
}
