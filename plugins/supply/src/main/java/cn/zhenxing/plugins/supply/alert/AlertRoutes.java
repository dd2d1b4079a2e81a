package cn.zhenxing.plugins.supply.alert;

import cn.zhenxing.plugins.supply.support.Scope;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The alerts raised for a county (or, on the city route, for every county), newest first. */
public final class AlertRoutes {

  private final PluginContext ctx;

  public AlertRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router router) {
    router.get("/alerts").handler(this::list);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    String scope = Scope.of(rc);
    Fields query = Fields.ofQuery(rc);
    String county = Scope.isCity(scope) ? query.text("county", 6, false) : scope;
    String kind = query.text("kind", 30, false);
    query.validate();
    Where where = Where.all().and("county_code = $?", county).and("kind = $?", kind);
    where.list(ctx.pool(), page, "id, county_code AS county, kind, subject, period, product, point_id, value,"
            + " reference, message, raised_at", "supply.alert", "raised_at DESC, id DESC")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }
}
