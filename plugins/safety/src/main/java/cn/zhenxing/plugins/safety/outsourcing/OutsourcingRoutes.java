package cn.zhenxing.plugins.safety.outsourcing;

import cn.zhenxing.plugins.safety.enterprise.EnterpriseRoutes;
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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * The outsourcing and leasing investigation (外包外租大排查): inspections of an enterprise's outsourced or leased
 * projects, what was found, and for a violation the outcome — corrected (纠正) or banned (取缔).
 * {@code /counties/:county/outsourcing-inspections}.
 */
public final class OutsourcingRoutes {

  static final List<String> KINDS = List.of("outsourced", "leased");
  static final List<String> OUTCOMES = List.of("corrected", "banned");
  private static final String COLUMNS = "o.id, o.county_code AS county, o.enterprise_id, e.name AS enterprise_name,"
      + " o.project, o.kind, o.contractor, o.inspected_on, o.inspector, o.findings, o.violation, o.outcome,"
      + " o.outcome_on, o.demo";
  private static final String FROM =
      "safety.outsourcing_inspection o JOIN safety.enterprise e ON e.id = o.enterprise_id";

  private final PluginContext ctx;

  public OutsourcingRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    county.get("/outsourcing-inspections").handler(this::list);
    county.post("/outsourcing-inspections").handler(this::create);
    county.get("/outsourcing-inspections/:id").handler(this::get);
    county.post("/outsourcing-inspections/:id/outcome").handler(this::decide);
  }

  private void list(RoutingContext rc) {
    Fields q = Fields.ofQuery(rc);
    String kind = q.oneOf("kind", KINDS, false);
    String outcome = q.oneOf("outcome", OUTCOMES, false);
    Boolean violation = q.has("violation") ? q.bool("violation", false) : null;
    Long enterprise = q.integer("enterpriseId", 1, Long.MAX_VALUE, false);
    q.validate();
    Page page = Page.of(rc);
    Where where = Where.county("o.county_code", Requests.county(rc).code()).and("o.kind = $?", kind)
        .and("o.outcome = $?", outcome).and("o.violation = $?", violation).and("o.enterprise_id = $?", enterprise);
    where.list(ctx.pool(), page, COLUMNS, FROM, "o.id")
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
    Fields f = Fields.of(Requests.jsonBody(rc));
    Long enterprise = f.integer("enterpriseId", 1, Long.MAX_VALUE, true);
    String project = f.text("project", 100, true);
    String kind = f.oneOf("kind", KINDS, true);
    String contractor = f.text("contractor", 100, true);
    LocalDate inspected = f.date("inspectedOn", true);
    f.check(inspected == null || !inspected.isAfter(today()), "inspectedOn", "不能晚于今天 / must not be in the future");
    String inspector = f.text("inspector", 50, true);
    String findings = f.text("findings", 2000, false);
    boolean violation = f.bool("violation", false);
    f.check(!violation || findings != null, "findings", "发现违法违规须写明问题 / a violation needs its findings");
    f.validate();
    ctx.audit().inTransaction(rc, conn -> EnterpriseRoutes.checkInCounty(conn, county, enterprise, "enterpriseId")
            .compose(v -> conn.preparedQuery("INSERT INTO safety.outsourcing_inspection (county_code, enterprise_id,"
                    + " project, kind, contractor, inspected_on, inspector, findings, violation, created_at)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
                .execute(Tuple.from(Arrays.asList(county, enterprise, project, kind, contractor, inspected, inspector,
                    findings, violation, OffsetDateTime.now(ctx.clock())))))
            .compose(rows -> load(conn, county, rows.iterator().next().getLong(0)))
            .map(view -> new Audited<>(view, AuditEntry.of("create", "outsourcing-inspection", view.getLong("id")))))
        .onSuccess(view -> Answers.created(rc, view))
        .onFailure(rc::fail);
  }

  /** Records the outcome of a violation: corrected or banned, once. */
  private void decide(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String outcome = f.oneOf("outcome", OUTCOMES, true);
    LocalDate decided = f.date("decidedOn", true);
    f.check(decided == null || !decided.isAfter(today()), "decidedOn", "不能晚于今天 / must not be in the future");
    f.validate();
    ctx.audit().inTransaction(rc, conn -> load(conn, county, id)
            .compose(current -> {
              if (!current.getBoolean("violation")) {
                return Future.failedFuture(Problem.conflict("未发现违法违规，无需纠正或取缔 / no violation was found:"
                    + " nothing to correct or ban"));
              }
              if (current.getString("outcome") != null) {
                return Future.failedFuture(Problem.conflict("处理结果已登记为 " + current.getString("outcome")
                    + " / the outcome is already recorded"));
              }
              return conn.preparedQuery("UPDATE safety.outsourcing_inspection SET outcome = $3, outcome_on = $4"
                      + " WHERE id = $1 AND county_code = $2")
                  .execute(Tuple.of(id, county, outcome, decided));
            })
            .compose(v -> load(conn, county, id))
            .map(view -> new Audited<>(view, AuditEntry.of("outcome", "outsourcing-inspection", id)
                .withDetail(new JsonObject().put("outcome", outcome)))))
        .onSuccess(view -> Answers.ok(rc, view))
        .onFailure(rc::fail);
  }

  private static Future<JsonObject> load(SqlConnection conn, String county, long id) {
    return conn.preparedQuery("SELECT " + COLUMNS + " FROM " + FROM + " WHERE o.id = $1 AND o.county_code = $2")
        .execute(Tuple.of(id, county))
        .map(rows -> Rows.one(rows, "外包外租排查", "outsourcing inspection"));
  }

  /** Today in the city: the platform clock (tests move it) read in the platform's zone. */
  private LocalDate today() {
    return LocalDate.now(ctx.clock().withZone(ctx.zone()));
  }
}
