package cn.zhenxing.plugins.ecommerce.sales;

import cn.zhenxing.plugins.ecommerce.support.Months;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Rows;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.YearMonth;

/** The city's view of online sales: per county and month, over a range of months (default the last 12). */
public final class MonthlySalesRoutes {

  private final PluginContext ctx;

  public MonthlySalesRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router city) {
    city.get("/sales/monthly").handler(this::monthly);
  }

  private void monthly(RoutingContext rc) {
    Fields f = Fields.ofQuery(rc);
    YearMonth from = f.month("from", false);
    YearMonth to = f.month("to", false);
    LocalDate thisMonth = LocalDate.now(ctx.clock().withZone(ctx.zone())).withDayOfMonth(1);
    LocalDate last = to == null ? thisMonth.minusMonths(1) : to.atDay(1);
    LocalDate first = from == null ? last.minusMonths(11) : from.atDay(1);
    f.check(!first.isAfter(last), "from", "不能晚于 to / must not be after to");
    f.check(first.plusMonths(120).isAfter(last), "from", "最多 120 个月 / at most 120 months");
    f.validate();
    ctx.pool().preparedQuery("SELECT county_code AS county, to_char(month, 'YYYY-MM') AS month, sum(orders) AS orders,"
            + " sum(sales_value) AS sales_value,"
            + " sum(products_sold) AS products_sold, count(*) AS reports FROM ecommerce.sales_report"
            + " WHERE month BETWEEN $1 AND $2 GROUP BY county_code, month ORDER BY month, county_code")
        .execute(Tuple.of(first, last))
        .onSuccess(rows -> Answers.ok(rc, new JsonObject().put("from", Months.format(first)).put("to", Months.format(last))
            .put("items", Rows.array(rows))))
        .onFailure(rc::fail);
  }
}
