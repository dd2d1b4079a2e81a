package cn.zhenxing.plugins.supply.registry;

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
import java.util.List;

/** 乡镇惠农服务中心 and 村社销售网点 of a county: where stock is pushed down and quality is inspected. */
public final class OutletRoutes {

  static final String COLUMNS = "id, county_code AS county, kind, name, township, village, demo";
  private static final List<String> KINDS = List.of("service_centre", "village_outlet");

  private final PluginContext ctx;
  private final Writes writes;

  public OutletRoutes(PluginContext ctx) {
    this.ctx = ctx;
    this.writes = new Writes(ctx);
  }

  /** Which request field a broken unique key names (declared once, at registration). */
  public static void declareConstraints(HttpRoutes http) {
    http.constraint("outlet_county_code_name_key", "name", "本县区已有同名网点 / an outlet of this name exists");
  }

  public void mount(Router county) {
    county.get("/outlets").handler(this::list);
    county.post("/outlets").handler(this::create);
    county.put("/outlets/:id").handler(this::update);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields query = Fields.ofQuery(rc);
    String kind = query.text("kind", 30, false);
    String township = query.text("township", 100, false);
    query.validate();
    Where where = Where.county("county_code", Scope.of(rc)).and("kind = $?", kind).and("township = $?", township);
    where.list(ctx.pool(), page, COLUMNS, "supply.outlet", "township, kind, id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    Input in = Input.read(rc);
    writes.audited(rc, 201, "create", "outlet", conn -> conn
        .preparedQuery("INSERT INTO supply.outlet (county_code, kind, name, township, village)"
            + " VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS)
        .execute(Tuple.of(Scope.of(rc), in.kind, in.name, in.township, in.village))
        .map(rows -> Rows.json(rows.iterator().next())));
  }

  private void update(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    Input in = Input.read(rc);
    writes.audited(rc, 200, "update", "outlet", conn -> conn
        .preparedQuery("UPDATE supply.outlet SET kind = $3, name = $4, township = $5, village = $6"
            + " WHERE id = $1 AND county_code = $2 RETURNING " + COLUMNS)
        .execute(Tuple.of(id, Scope.of(rc), in.kind, in.name, in.township, in.village))
        .map(rows -> Rows.one(rows, "网点", "outlet")));
  }

  private record Input(String kind, String name, String township, String village) {
    static Input read(RoutingContext rc) {
      Fields f = Fields.of(Requests.jsonBody(rc));
      String kind = f.oneOf("kind", KINDS, true);
      String name = f.text("name", 100, true);
      String township = f.text("township", 50, true);
      String village = f.text("village", 50, false);
      f.check(!"village_outlet".equals(kind) || village != null, "village",
          "村社网点须填写村名 / required for a village outlet");
      f.validate();
      return new Input(kind, name, township, village);
    }
  }
}
