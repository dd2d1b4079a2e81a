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

/**
 * 农资经营企业. A county registers the enterprises it signs with; the city registers city-level partners such as the
 * provincial agri-supplies group (seeded). The 23 enterprises of the source are not named there, so none is seeded.
 */
public final class EnterpriseRoutes {

  static final String COLUMNS = "id, county_code AS county, kind, name, credit_code, address, demo";
  private static final String CREDIT_CODE = "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$";

  private final PluginContext ctx;
  private final Writes writes;

  public EnterpriseRoutes(PluginContext ctx) {
    this.ctx = ctx;
    this.writes = new Writes(ctx);
  }

  /** Which request field a broken unique key names (declared once, at registration). */
  public static void declareConstraints(HttpRoutes http) {
    http.constraint("enterprise_county_code_name_key", "name", "本县区已有同名企业 / an enterprise of this name exists");
  }

  public void mount(Router router) {
    router.get("/enterprises").handler(this::list);
    router.post("/enterprises").handler(this::create);
    router.get("/enterprises/:id").handler(this::get);
    router.put("/enterprises/:id").handler(this::update);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields query = Fields.ofQuery(rc);
    String q = query.text("q", 100, false);
    Where where = Scope.where(rc, "county_code", query).and("strpos(name, $?) > 0", q);
    query.validate();
    where.list(ctx.pool(), page, COLUMNS, "supply.enterprise", "county_code, id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    ctx.reads().preparedQuery("SELECT " + COLUMNS + " FROM supply.enterprise WHERE id = $1 AND county_code = $2")
        .execute(Tuple.of(id, Scope.of(rc)))
        .map(rows -> Rows.one(rows, "企业", "enterprise"))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    String scope = Scope.of(rc);
    Input in = Input.read(rc, scope);
    writes.audited(rc, 201, "create", "enterprise", conn -> conn
        .preparedQuery("INSERT INTO supply.enterprise (county_code, kind, name, credit_code, address)"
            + " VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS)
        .execute(Tuple.of(scope, in.kind, in.name, in.creditCode, in.address))
        .map(rows -> Rows.json(rows.iterator().next())));
  }

  private void update(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    String scope = Scope.of(rc);
    Input in = Input.read(rc, scope);
    writes.audited(rc, 200, "update", "enterprise", conn -> conn
        .preparedQuery("UPDATE supply.enterprise SET kind = $3, name = $4, credit_code = $5, address = $6"
            + " WHERE id = $1 AND county_code = $2 RETURNING " + COLUMNS)
        .execute(Tuple.of(id, scope, in.kind, in.name, in.creditCode, in.address))
        .map(rows -> Rows.one(rows, "企业", "enterprise")));
  }

  private record Input(String kind, String name, String creditCode, String address) {
    static Input read(RoutingContext rc, String scope) {
      Fields f = Fields.of(Requests.jsonBody(rc));
      String name = f.text("name", 100, true);
      // Only the city deals with the provincial group; a county's partners are enterprises.
      List<String> kinds = Scope.isCity(scope) ? List.of("provincial_group", "enterprise") : List.of("enterprise");
      String kind = f.has("kind") ? f.oneOf("kind", kinds, true) : "enterprise";
      String credit = f.text("creditCode", 18, false);
      f.check(credit == null || credit.matches(CREDIT_CODE), "creditCode",
          "应为18位统一社会信用代码 / must be an 18-character unified social credit code");
      String address = f.text("address", 200, false);
      f.validate();
      return new Input(kind, name, credit, address);
    }
  }
}
