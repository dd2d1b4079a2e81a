package cn.zhenxing.plugins.supply.alert;

import cn.zhenxing.plugins.supply.support.Replies;
import cn.zhenxing.plugins.supply.support.Rows;
import cn.zhenxing.plugins.supply.support.Scope;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;

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
    ctx.pool().preparedQuery("SELECT id, county_code, kind, subject, period, product, point_id, value, reference,"
            + " message, raised_at, count(*) OVER () AS total_rows FROM supply.alert"
            + " WHERE ($1::text IS NULL OR county_code = $1) AND ($2::text IS NULL OR kind = $2)"
            + " ORDER BY raised_at DESC, id DESC LIMIT $3 OFFSET $4")
        .execute(Tuple.of(county, kind, page.limit(), page.offset()))
        .onSuccess(rows -> Replies.ok(rc, page.answer(Rows.items(rows), Rows.total(rows))))
        .onFailure(rc::fail);
  }
}
