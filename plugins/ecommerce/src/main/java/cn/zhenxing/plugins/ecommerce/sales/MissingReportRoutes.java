package cn.zhenxing.plugins.ecommerce.sales;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.YearMonth;

/** The shops flagged late by the job, and whether they have reported since. */
public final class MissingReportRoutes {

  private static final String COLUMNS = "m.shop_id, s.name AS shop_name, s.platform, s.leader_id,"
      + " to_char(m.month, 'YYYY-MM') AS month, m.flagged_at,"
      + " EXISTS (SELECT 1 FROM ecommerce.sales_report r WHERE r.shop_id = m.shop_id AND r.month = m.month)"
      + " AS reported_since";

  private static final String FROM = "ecommerce.missing_report m JOIN ecommerce.shop s ON s.id = m.shop_id";

  private final PluginContext ctx;

  public MissingReportRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    county.get("/missing-reports").handler(this::list);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields query = Fields.ofQuery(rc);
    YearMonth month = query.month("month", false);
    query.validate();
    Where where = Where.county("m.county_code", Requests.county(rc).code())
        .and("m.month = $?", month == null ? null : month.atDay(1));
    where.list(ctx.pool(), page, COLUMNS, FROM, "m.month DESC, m.shop_id")
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }
}
