package cn.zhenxing.plugins.supply.registry;

import cn.zhenxing.plugins.supply.support.Scope;
import cn.zhenxing.plugins.supply.support.Writes;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;

/**
 * 供销社: the city cooperative and one per county, all seeded. Each scope edits its own (name, contact); the city's
 * list shows all twelve.
 */
public final class CooperativeRoutes {

  static final String COLUMNS = "id, county_code AS county, level, name, contact";

  private final PluginContext ctx;
  private final Writes writes;

  public CooperativeRoutes(PluginContext ctx) {
    this.ctx = ctx;
    this.writes = new Writes(ctx);
  }

  public void mount(Router router) {
    router.get("/cooperatives").handler(this::list);
    router.put("/cooperatives/:id").handler(this::update);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields query = Fields.ofQuery(rc);
    Where where = Scope.where(rc, "county_code", query);
    query.validate();
    where.list(ctx.pool(), page, COLUMNS, "supply.cooperative", "county_code")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void update(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String name = f.text("name", 100, true);
    String contact = f.text("contact", 100, false);
    f.validate();
    writes.audited(rc, 200, "update", "cooperative", conn -> conn
        .preparedQuery("UPDATE supply.cooperative SET name = $3, contact = $4 WHERE id = $1 AND county_code = $2"
            + " RETURNING " + COLUMNS)
        .execute(Tuple.of(id, Scope.of(rc), name, contact))
        .map(rows -> Rows.one(rows, "供销社", "cooperative")));
  }
}
