package cn.zhenxing.plugins.supply.monitoring;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The city's price watch: for a month (default: the latest reported), each point's retail price per product and,
 * per product, the city median, lowest and highest.
 */
public final class PriceRoutes {

  private final PluginContext ctx;

  public PriceRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mountCity(Router city) {
    city.get("/prices").handler(this::prices);
  }

  private void prices(RoutingContext rc) {
    Fields f = Fields.ofQuery(rc);
    YearMonth asked = f.month("period", false);
    f.validate();
    Future<LocalDate> period = asked != null ? Future.succeededFuture(asked.atDay(1)) : ctx.pool()
        .query("SELECT max(period) AS p FROM supply.point_report").execute()
        .map(rows -> rows.iterator().next().getLocalDate("p"));
    period.compose(p -> {
      Future<JsonObject> products = ctx.pool().preparedQuery("SELECT l.product,"
              + " round((percentile_cont(0.5) WITHIN GROUP (ORDER BY l.retail_price))::numeric, 2) AS median,"
              + " min(l.retail_price) AS lowest, max(l.retail_price) AS highest, count(*) AS points"
              + " FROM supply.report_line l JOIN supply.point_report r ON r.id = l.report_id WHERE r.period = $1"
              + " GROUP BY l.product ORDER BY l.product")
          .execute(Tuple.of(p)).map(rows -> new JsonObject().put("products", Rows.array(rows)));
      Future<JsonObject> items = ctx.pool().preparedQuery("SELECT r.county_code AS county, r.point_id, m.name AS point_name,"
              + " l.product, l.retail_price, r.late FROM supply.report_line l JOIN supply.point_report r"
              + " ON r.id = l.report_id JOIN supply.monitoring_point m ON m.id = r.point_id WHERE r.period = $1"
              + " ORDER BY l.product, r.county_code, r.point_id")
          .execute(Tuple.of(p)).map(rows -> new JsonObject().put("items", Rows.array(rows)));
      return Future.all(products, items).map(v -> products.result().mergeIn(items.result())
          .put("period", p == null ? null : YearMonth.from(p).toString()));
    }).onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }
}
