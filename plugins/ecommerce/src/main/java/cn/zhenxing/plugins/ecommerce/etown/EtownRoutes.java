package cn.zhenxing.plugins.ecommerce.etown;

import cn.zhenxing.plugins.ecommerce.acceptance.AcceptanceCheck;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** The e-town register (乡村e镇): create, read, edit, and move along candidate → cultivating → accepted. */
public final class EtownRoutes {

  static final String COLUMNS = "e.id, e.county_code AS county, e.name, e.township, e.leading_industry,"
      + " e.operator, e.status, e.listed_on, e.cultivating_since, e.accepted_on, e.funds_planned, e.funds_spent,"
      + " e.funds_planned - e.funds_spent AS funds_remaining,"
      + " (SELECT count(*) FROM ecommerce.leader l WHERE l.etown_id = e.id) AS leaders, e.demo";

  static final String FROM = "ecommerce.etown e";

  private final PluginContext ctx;

  public EtownRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    ctx.http().constraint("etown_township_unique", "township", "该乡镇已有乡村e镇 / this township already has an e-town");
    ctx.http().constraint("etown_name_unique", "name", "名称已存在 / an e-town of this name exists");
    ctx.http().constraint("etown_funds_within_plan", "fundsSpent",
        "已使用资金不能超过计划资金，请先调整计划 / must not exceed the planned funds; raise the plan first");
    county.get("/etowns").handler(this::list);
    county.post("/etowns").handler(this::create);
    county.get("/etowns/:id").handler(this::get);
    county.put("/etowns/:id").handler(this::update);
    county.post("/etowns/:id/status").handler(this::changeStatus);
    county.get("/etowns/:id/acceptance-check").handler(this::acceptanceCheck);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields query = Fields.ofQuery(rc);
    Where where = Where.county("e.county_code", Requests.county(rc).code())
        .and("e.status = $?", query.oneOf("status", EtownStatus.codes(), false))
        .and("e.township = $?", query.text("township", 200, false));
    query.validate();
    where.list(ctx.pool(), page, COLUMNS, FROM, "e.id")
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    load(ctx.reads(), Requests.county(rc).code(), Requests.id(rc, "id"))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    String county = Requests.county(rc).code();
    Fields f = Fields.of(Requests.jsonBody(rc));
    String name = f.text("name", 60, true);
    String township = f.text("township", 40, true);
    String industry = f.text("leadingIndustry", 60, true);
    String operator = f.text("operator", 100, false);
    LocalDate listedOn = f.date("listedOn", false);
    BigDecimal planned = f.decimal("fundsPlanned", BigDecimal.ZERO, new BigDecimal("999999999999"), false);
    BigDecimal spent = f.decimal("fundsSpent", BigDecimal.ZERO, new BigDecimal("999999999999"), false);
    LocalDate today = LocalDate.now(ctx.clock().withZone(ctx.zone()));
    f.check(listedOn == null || !listedOn.isAfter(today), "listedOn", "不能晚于今天 / must not be in the future");
    f.check(spent == null || spent.compareTo(planned == null ? BigDecimal.ZERO : planned) <= 0, "fundsSpent",
        "已使用资金不能超过计划资金 / must not exceed fundsPlanned");
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("INSERT INTO ecommerce.etown (county_code, name,"
                + " township, leading_industry, operator, listed_on, funds_planned, funds_spent, created_at,"
                + " updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id")
            .execute(Tuple.from(Arrays.asList(county, name, township, industry, operator,
                listedOn == null ? today : listedOn, planned == null ? BigDecimal.ZERO : planned,
                spent == null ? BigDecimal.ZERO : spent, OffsetDateTime.now(ctx.clock()))))
            .map(rows -> rows.iterator().next().getLong("id"))
            .map(id -> new Audited<>(id, AuditEntry.of("create", "etown", id)
                .withDetail(new JsonObject().put("name", name).put("township", township)))))
        .compose(id -> load(ctx.pool(), county, id))
        .onSuccess(json -> Answers.created(rc, json)).onFailure(rc::fail);
  }

  /** Changes the fields the body names; the others keep their value. Status moves only through {@code /status}. */
  private void update(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String name = f.text("name", 60, false);
    String township = f.text("township", 40, false);
    String industry = f.text("leadingIndustry", 60, false);
    String operator = f.text("operator", 100, false);
    BigDecimal planned = f.decimal("fundsPlanned", BigDecimal.ZERO, new BigDecimal("999999999999"), false);
    BigDecimal spent = f.decimal("fundsSpent", BigDecimal.ZERO, new BigDecimal("999999999999"), false);
    f.validate();
    JsonObject changed = new JsonObject();
    List<String> editable = List.of("name", "township", "leadingIndustry", "operator", "fundsPlanned", "fundsSpent");
    f.json().fieldNames().stream().filter(editable::contains).forEach(k -> changed.put(k, f.json().getValue(k)));
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("UPDATE ecommerce.etown SET"
                + " name = coalesce($3, name), township = coalesce($4, township),"
                + " leading_industry = coalesce($5, leading_industry), operator = coalesce($6, operator),"
                + " funds_planned = coalesce($7, funds_planned), funds_spent = coalesce($8, funds_spent),"
                + " updated_at = $9 WHERE county_code = $1 AND id = $2 RETURNING id")
            .execute(Tuple.from(Arrays.asList(county, id, name, township, industry, operator, planned,
                spent, OffsetDateTime.now(ctx.clock()))))
            .map(rows -> Rows.one(rows, "乡村e镇", "e-town").getLong("id"))
            .map(x -> new Audited<>(x, AuditEntry.of("update", "etown", x).withDetail(changed))))
        .compose(x -> load(ctx.pool(), county, x))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  /**
   * Moves an e-town one step: candidate → cultivating, cultivating → accepted (only when every active acceptance
   * criterion is met). Any other move is a 409.
   */
  private void changeStatus(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String target = f.oneOf("status", EtownStatus.codes(), true);
    LocalDate on = f.date("on", false);
    LocalDate today = LocalDate.now(ctx.clock().withZone(ctx.zone()));
    f.check(on == null || !on.isAfter(today), "on", "不能晚于今天 / must not be in the future");
    f.validate();
    LocalDate day = on == null ? today : on;
    EtownStatus to = EtownStatus.of(target);
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("SELECT status, listed_on, cultivating_since"
                + " FROM ecommerce.etown WHERE county_code = $1 AND id = $2 FOR UPDATE")
            .execute(Tuple.of(county, id))
            .map(rows -> Rows.one(rows, "乡村e镇", "e-town"))
            .compose(row -> {
              EtownStatus from = EtownStatus.of(row.getString("status"));
              from.requireMoveTo(to);
              LocalDate since = LocalDate.parse(to == EtownStatus.CULTIVATING ? row.getString("listedOn")
                  : row.getString("cultivatingSince"));
              Fields.of(new JsonObject()).check(!day.isBefore(since), "on", "不能早于上一状态的日期 " + since
                  + " / must not be before " + since).validate();
              Future<Void> allowed = to != EtownStatus.ACCEPTED ? Future.succeededFuture()
                  : AcceptanceCheck.evaluate(conn, county, id, day).map(results -> {
                    AcceptanceCheck.requireMet(results);
                    return null;
                  });
              return allowed.compose(v -> conn.preparedQuery("UPDATE ecommerce.etown SET status = $3,"
                      + " cultivating_since = CASE WHEN $3 = 'cultivating' THEN $4 ELSE cultivating_since END,"
                      + " accepted_on = CASE WHEN $3 = 'accepted' THEN $4 ELSE accepted_on END, updated_at = $5"
                      + " WHERE county_code = $1 AND id = $2")
                  .execute(Tuple.of(county, id, to.code(), day, OffsetDateTime.now(ctx.clock()))))
                  .map(done -> new Audited<>(id, AuditEntry.of("status", "etown", id).withDetail(new JsonObject()
                      .put("from", from.code()).put("to", to.code()).put("on", day.toString()))));
            }))
        .compose(x -> load(ctx.pool(), county, x))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  /** How the e-town stands against each active criterion today, without changing anything. */
  private void acceptanceCheck(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Requests.id(rc, "id");
    LocalDate today = LocalDate.now(ctx.clock().withZone(ctx.zone()));
    ctx.pool().withConnection(conn -> load(conn, county, id)
            .compose(etown -> AcceptanceCheck.evaluate(conn, county, id, today)
                .map(results -> AcceptanceCheck.toJson(results).put("etownId", id).put("asOf", today.toString()))))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  static Future<JsonObject> load(SqlClient client, String county, long id) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM " + FROM
            + " WHERE e.county_code = $1 AND e.id = $2").execute(Tuple.of(county, id))
        .map(rows -> Rows.one(rows, "乡村e镇", "e-town"));
  }
}
