package cn.zhenxing.plugins.ecommerce.sales;

import cn.zhenxing.plugins.ecommerce.support.Http;
import cn.zhenxing.plugins.ecommerce.support.Lists;
import cn.zhenxing.plugins.ecommerce.support.Months;
import cn.zhenxing.plugins.ecommerce.support.Rows;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Requests;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The shops flagged late by the job, and whether they have reported since. */
public final class MissingReportRoutes {

  private static final String SELECT = "SELECT m.shop_id, s.name, s.platform, s.leader_id, m.month, m.flagged_at,"
      + " EXISTS (SELECT 1 FROM ecommerce.sales_report r WHERE r.shop_id = m.shop_id AND r.month = m.month)"
      + " AS reported_since, count(*) OVER () AS total"
      + " FROM ecommerce.missing_report m JOIN ecommerce.shop s ON s.id = m.shop_id";

  private final PluginContext ctx;

  public MissingReportRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    county.get("/missing-reports").handler(this::list);
  }

  private void list(RoutingContext rc) {
    new Lists(rc, "m.county_code", Requests.county(rc).code())
        .month("month", "m.month = ?")
        .page(ctx.pool(), SELECT, "m.month DESC, m.shop_id", r -> new JsonObject().put("shopId", r.getLong("shop_id"))
            .put("shopName", r.getString("name")).put("platform", r.getString("platform"))
            .put("leaderId", r.getLong("leader_id")).put("month", Months.format(r.getLocalDate("month")))
            .put("flaggedAt", Rows.instant(r, "flagged_at")).put("reportedSince", r.getBoolean("reported_since")))
        .onSuccess(page -> Http.json(rc, 200, page)).onFailure(rc::fail);
  }
}
