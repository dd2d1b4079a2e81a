package cn.zhenxing.plugins.supply.monitoring;

import cn.zhenxing.plugins.supply.support.Scope;
import cn.zhenxing.plugins.supply.support.Writes;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.HttpRoutes;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;

/**
 * 农资监测点. Ten are seeded, named after their county, because the source neither names nor places them: they are
 * configuration each county edits (rename, locate, deactivate) or adds to. Points are deactivated, not deleted, so
 * their reports stay and the seed does not bring them back.
 */
public final class PointRoutes {

  static final String COLUMNS = "id, county_code AS county, name, township, address, active, seed_key IS NOT NULL AS seeded";

  private final PluginContext ctx;
  private final Writes writes;

  public PointRoutes(PluginContext ctx) {
    this.ctx = ctx;
    this.writes = new Writes(ctx);
  }

  /** Which request field a broken unique key names (declared once, at registration). */
  public static void declareConstraints(HttpRoutes http) {
    http.constraint("monitoring_point_county_code_name_key", "name",
        "本县区已有同名监测点 / a monitoring point of this name exists");
  }

  public void mountCounty(Router county) {
    county.get("/points").handler(this::list);
    county.post("/points").handler(this::create);
    county.put("/points/:id").handler(this::update);
  }

  public void mountCity(Router city) {
    city.get("/points").handler(this::list);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    String scope = Scope.of(rc);
    Fields query = Fields.ofQuery(rc);
    String county = Scope.isCity(scope) ? query.text("county", 6, false) : scope;
    query.validate();
    Where where = Where.all().and("county_code = $?", county);
    where.list(ctx.pool(), page, COLUMNS, "supply.monitoring_point", "county_code, id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    Input in = Input.read(rc);
    writes.audited(rc, 201, "create", "monitoring-point", conn -> conn
        .preparedQuery("INSERT INTO supply.monitoring_point (county_code, name, township, address, active)"
            + " VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS)
        .execute(Tuple.of(Scope.of(rc), in.name, in.township, in.address, in.active))
        .map(rows -> Rows.json(rows.iterator().next())));
  }

  private void update(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    Input in = Input.read(rc);
    writes.audited(rc, 200, "update", "monitoring-point", conn -> conn
        .preparedQuery("UPDATE supply.monitoring_point SET name = $3, township = $4, address = $5, active = $6"
            + " WHERE id = $1 AND county_code = $2 RETURNING " + COLUMNS)
        .execute(Tuple.of(id, Scope.of(rc), in.name, in.township, in.address, in.active))
        .map(rows -> Rows.one(rows, "监测点", "monitoring point")));
  }

  private record Input(String name, String township, String address, boolean active) {
    static Input read(RoutingContext rc) {
      Fields f = Fields.of(Requests.jsonBody(rc));
      String name = f.text("name", 100, true);
      String township = f.text("township", 50, false);
      String address = f.text("address", 200, false);
      boolean active = f.bool("active", true);
      f.validate();
      return new Input(name, township, address, active);
    }
  }
}
