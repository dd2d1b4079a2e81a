package cn.zhenxing.plugins.safety.enterprise;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Arrays;

/** The county's enterprises: {@code /counties/:county/enterprises}. */
public final class EnterpriseRoutes {

  private static final String COLUMNS = "id, county_code AS county, name, credit_code, industry, risk_level,"
      + " key_enterprise, township, demo";

  private final PluginContext ctx;

  public EnterpriseRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    ctx.http().constraint("enterprise_credit_code_key", "creditCode",
        "该统一社会信用代码已登记 / an enterprise with this credit code is already registered");
    county.get("/enterprises").handler(this::list);
    county.post("/enterprises").handler(this::create);
    county.get("/enterprises/:id").handler(this::get);
    county.put("/enterprises/:id").handler(this::update);
  }

  private void list(RoutingContext rc) {
    Fields q = Fields.ofQuery(rc);
    String name = q.text("name", 100, false);
    String industry = q.text("industry", 50, false);
    String risk = q.oneOf("riskLevel", Enterprises.RISK_ORDER, false);
    Boolean key = q.has("keyEnterprise") ? q.bool("keyEnterprise", false) : null;
    q.validate();
    Page page = Page.of(rc);
    Where where = Where.county("county_code", Requests.county(rc).code())
        .and("strpos(name, $?) > 0", name).and("industry = $?", industry).and("risk_level = $?", risk)
        .and("key_enterprise = $?", key);
    where.list(ctx.pool(), page, COLUMNS, "safety.enterprise", "id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    ctx.pool().withConnection(conn -> load(conn, Requests.county(rc).code(), id))
        .onSuccess(view -> Answers.ok(rc, view))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    String county = Requests.county(rc).code();
    Input in = Input.read(Requests.jsonBody(rc));
    ctx.audit().inTransaction(rc, conn -> conn
            .preparedQuery("INSERT INTO safety.enterprise (county_code, name, credit_code, industry, risk_level,"
                + " key_enterprise, township, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)"
                + " RETURNING " + COLUMNS)
            .execute(Tuple.from(Arrays.asList(county, in.name, in.creditCode, in.industry, in.riskLevel, in.key,
                in.township, OffsetDateTime.now(ctx.clock()))))
            .map(rows -> {
              JsonObject view = Rows.json(rows.iterator().next());
              return new Audited<>(view, AuditEntry.of("create", "enterprise", view.getLong("id")));
            }))
        .onSuccess(view -> Answers.created(rc, view))
        .onFailure(rc::fail);
  }

  private void update(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Requests.id(rc, "id");
    Input in = Input.read(Requests.jsonBody(rc));
    ctx.audit().inTransaction(rc, conn -> conn
            .preparedQuery("UPDATE safety.enterprise SET name = $3, credit_code = $4, industry = $5, risk_level = $6,"
                + " key_enterprise = $7, township = $8, updated_at = $9"
                + " WHERE id = $1 AND county_code = $2 RETURNING " + COLUMNS)
            .execute(Tuple.from(Arrays.asList(id, county, in.name, in.creditCode, in.industry, in.riskLevel, in.key,
                in.township, OffsetDateTime.now(ctx.clock()))))
            .map(rows -> new Audited<>(Rows.one(rows, "企业", "enterprise"), AuditEntry.of("update", "enterprise", id))))
        .onSuccess(view -> Answers.ok(rc, view))
        .onFailure(rc::fail);
  }

  /** One enterprise of the county; a 404 for another county's (it is invisible, not forbidden). */
  public static Future<JsonObject> load(SqlConnection conn, String county, long id) {
    return conn.preparedQuery("SELECT " + COLUMNS + " FROM safety.enterprise WHERE id = $1 AND county_code = $2")
        .execute(Tuple.of(id, county))
        .map(rows -> Rows.one(rows, "企业", "enterprise"));
  }

  /**
   * Checks that an enterprise named in a request body exists in the county; a 422 naming the field otherwise (it is
   * something the user typed, not the URL).
   */
  public static Future<Void> checkInCounty(SqlConnection conn, String county, Long id, String field) {
    if (id == null) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery("SELECT 1 FROM safety.enterprise WHERE id = $1 AND county_code = $2")
        .execute(Tuple.of(id, county))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(Problem.invalid(field, "本县区没有该企业 / no such enterprise in this county"))
            : Future.succeededFuture());
  }

  /** The fields of a create or update. */
  private record Input(String name, String creditCode, String industry, String riskLevel, boolean key,
                       String township) {

    static Input read(JsonObject body) {
      Fields f = Fields.of(body);
      String name = f.text("name", 100, true);
      String code = CreditCode.normalise(f.text("creditCode", 18, true));
      if (code != null) {
        String problem = CreditCode.problem(code);
        f.check(problem == null, "creditCode", problem);
      }
      String industry = f.text("industry", 50, true);
      String risk = f.oneOf("riskLevel", Enterprises.RISK_ORDER, true);
      boolean key = f.bool("keyEnterprise", false);
      String township = f.text("township", 50, false);
      f.validate();
      return new Input(name, code, industry, risk, key, township);
    }
  }
}
