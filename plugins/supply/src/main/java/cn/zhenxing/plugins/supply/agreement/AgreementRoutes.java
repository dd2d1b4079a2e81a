package cn.zhenxing.plugins.supply.agreement;

import cn.zhenxing.plugins.supply.support.Products;
import cn.zhenxing.plugins.supply.support.Scope;
import cn.zhenxing.plugins.supply.support.Writes;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.HttpRoutes;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * 保供协议: the scope's cooperative buys a product from an enterprise (of the same county, or a city-level partner
 * such as the provincial group), so many tonnes, within a period. Every answer carries its fulfilment as of the
 * query, never a stored copy.
 */
public final class AgreementRoutes {

  /** An agreement with its delivered tonnes, computed on read. */
  static final String COLUMNS = "a.id, a.county_code AS county, a.agreement_no, a.cooperative_id,"
      + " c.name AS cooperative_name, a.enterprise_id, e.name AS enterprise_name, a.product, a.tonnes, a.starts_on,"
      + " a.ends_on, a.demo,"
      + " coalesce(d.delivered, 0) AS delivered,"
      + " round(coalesce(d.delivered, 0) / a.tonnes, 4) AS fulfilment,"
      + " coalesce(d.delivered, 0) > a.tonnes AS over_delivered";
  static final String FROM = "supply.agreement a JOIN supply.cooperative c ON c.id = a.cooperative_id"
      + " JOIN supply.enterprise e ON e.id = a.enterprise_id"
      + " LEFT JOIN LATERAL (SELECT sum(tonnes) AS delivered FROM supply.delivery WHERE agreement_id = a.id) d ON true";

  private final PluginContext ctx;
  private final Writes writes;

  public AgreementRoutes(PluginContext ctx) {
    this.ctx = ctx;
    this.writes = new Writes(ctx);
  }

  /** Which request field a broken unique key names (declared once, at registration). */
  public static void declareConstraints(HttpRoutes http) {
    http.constraint("agreement_county_code_agreement_no_key", "agreementNo",
        "协议编号已存在 / an agreement with this number exists");
  }

  public void mount(Router router) {
    router.get("/agreements").handler(this::list);
    router.post("/agreements").handler(this::create);
    router.get("/agreements/:id").handler(this::get);
    router.put("/agreements/:id").handler(this::update);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields query = Fields.ofQuery(rc);
    String product = query.oneOf("product", Products.CODES, false);
    query.validate();
    Where where = Where.county("a.county_code", Scope.of(rc)).and("a.product = $?", product);
    where.list(ctx.pool(), page, COLUMNS, FROM, "a.starts_on DESC, a.id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    ctx.pool().preparedQuery("SELECT " + COLUMNS + " FROM " + FROM + " WHERE a.id = $1 AND a.county_code = $2")
        .execute(Tuple.of(id, Scope.of(rc)))
        .map(rows -> Rows.one(rows, "协议", "agreement"))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    String scope = Scope.of(rc);
    Input in = Input.read(rc);
    writes.audited(rc, 201, "create", "agreement", conn -> checkEnterprise(conn, scope, in.enterpriseId)
        .compose(v -> conn.preparedQuery("INSERT INTO supply.agreement (county_code, agreement_no, cooperative_id,"
                + " enterprise_id, product, tonnes, starts_on, ends_on)"
                + " SELECT $1, $2, c.id, $3, $4, $5, $6, $7 FROM supply.cooperative c WHERE c.county_code = $1"
                + " RETURNING id")
            .execute(Tuple.of(scope, in.agreementNo, in.enterpriseId, in.product, in.tonnes, in.startsOn,
                in.endsOn)))
        .compose(rows -> reread(conn, rows.iterator().next().getLong("id"), scope)));
  }

  private void update(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    String scope = Scope.of(rc);
    Input in = Input.read(rc);
    writes.audited(rc, 200, "update", "agreement", conn -> checkEnterprise(conn, scope, in.enterpriseId)
        .compose(v -> conn.preparedQuery("SELECT count(*) FILTER (WHERE delivered_on < $3 OR delivered_on > $4) AS"
                + " outside FROM supply.delivery d JOIN supply.agreement a ON a.id = d.agreement_id"
                + " WHERE a.id = $1 AND a.county_code = $2")
            .execute(Tuple.of(id, scope, in.startsOn, in.endsOn)))
        .compose(rows -> rows.iterator().next().getLong("outside") > 0
            ? Future.failedFuture(Problem.invalid("startsOn", "已有交货记录落在新期限之外 / deliveries already"
                + " recorded fall outside the new period"))
            : conn.preparedQuery("UPDATE supply.agreement SET agreement_no = $3, enterprise_id = $4, product = $5,"
                    + " tonnes = $6, starts_on = $7, ends_on = $8 WHERE id = $1 AND county_code = $2 RETURNING id")
                .execute(Tuple.of(id, scope, in.agreementNo, in.enterpriseId, in.product, in.tonnes, in.startsOn,
                    in.endsOn)))
        .compose(rows -> {
          Rows.one(rows, "协议", "agreement");
          return reread(conn, id, scope);
        }));
  }

  /** The supplier must be an enterprise of the same scope, or a city-level partner. */
  private static Future<Void> checkEnterprise(SqlConnection conn, String scope, long enterpriseId) {
    return conn.preparedQuery("SELECT 1 FROM supply.enterprise WHERE id = $1 AND county_code IN ($2, '140700')")
        .execute(Tuple.of(enterpriseId, scope))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture() : Future.failedFuture(Problem.invalid(
            "enterpriseId", "企业不存在或不属于本县区 / no such enterprise in this county or the city")));
  }

  private static Future<io.vertx.core.json.JsonObject> reread(SqlConnection conn, long id, String scope) {
    return conn.preparedQuery("SELECT " + COLUMNS + " FROM " + FROM + " WHERE a.id = $1 AND a.county_code = $2")
        .execute(Tuple.of(id, scope))
        .map(rows -> Rows.one(rows, "协议", "agreement"));
  }

  private record Input(String agreementNo, long enterpriseId, String product, BigDecimal tonnes, LocalDate startsOn,
                       LocalDate endsOn) {
    static Input read(RoutingContext rc) {
      Fields f = Fields.of(Requests.jsonBody(rc));
      String no = f.text("agreementNo", 50, true);
      Long enterprise = f.integer("enterpriseId", 1, Long.MAX_VALUE, true);
      String product = f.oneOf("product", Products.CODES, true);
      BigDecimal tonnes = f.decimal("tonnes", null, new BigDecimal("10000000"), true);
      f.check(tonnes == null || tonnes.signum() > 0, "tonnes", "应大于 0 / must be greater than 0");
      LocalDate starts = f.date("startsOn", true);
      LocalDate ends = f.date("endsOn", true);
      f.check(starts == null || ends == null || !ends.isBefore(starts), "endsOn",
          "不能早于开始日期 / must not be before startsOn");
      f.validate();
      return new Input(no, enterprise, product, tonnes, starts, ends);
    }
  }
}
