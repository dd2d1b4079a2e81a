package cn.zhenxing.plugins.monitoring.warning;

import cn.zhenxing.plugins.monitoring.procedure.Procedures;
import cn.zhenxing.plugins.monitoring.support.History;
import cn.zhenxing.plugins.monitoring.support.Http;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** A warning's life: open → visited (入户核实) → settled (纳入识别程序, or no risk). */
public final class WarningRoutes {

  static final List<String> STATES = List.of("open", "visited", "settled");
  static final List<String> SETTLEMENTS = List.of("identify", "no-risk");
  private static final String COLUMNS = "w.id, w.county_code, w.household_id, w.signal_id, w.rule, w.level, w.state,"
      + " w.detail, w.raised_on, w.visit_due, w.settle_due, w.visited_at, w.visited_by, w.visit_note, w.settled_at,"
      + " w.settled_by, w.settlement, w.escalations";

  private final PluginContext ctx;
  private final History history;
  private final Procedures procedures;

  public WarningRoutes(PluginContext ctx, History history, Procedures procedures) {
    this.ctx = ctx;
    this.history = history;
    this.procedures = procedures;
  }

  public void mount(Router county) {
    county.get("/warnings").handler(this::list);
    county.get("/warnings/:id").handler(this::get);
    county.post("/warnings/:id/visit").handler(this::visit);
    county.post("/warnings/:id/settle").handler(this::settle);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields q = Fields.ofQuery(rc);
    boolean overdue = q.bool("overdue", false);
    String state = q.oneOf("state", STATES, false);
    Long householdId = q.integer("householdId", 1, Long.MAX_VALUE, false);
    q.validate();
    Where where = Where.county("w.county_code", Http.county(rc))
        .and("w.state = $?", state)
        .and("w.household_id = $?", householdId)
        .and("w.state <> 'settled' AND ((w.state = 'open' AND w.visit_due < $?) OR w.settle_due < $?)",
            overdue ? LocalDate.now(ctx.clock()) : null);
    where.list(ctx.pool(), page, COLUMNS, "monitoring.warning w", "w.id", WarningRoutes::toJson)
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    find(ctx.pool(), Http.county(rc), Requests.id(rc, "id"), false)
        .onSuccess(r -> Answers.json(rc, 200, toJson(r)))
        .onFailure(rc::fail);
  }

  /** The cadre's visit (入户核实): allowed once, on an open warning. */
  private void visit(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String note = f.text("note", 500, true);
    f.validate();
    String actor = Http.actor(rc);
    ctx.audit().inTransaction(rc, conn -> find(conn, county, id, true)
            .compose(w -> {
              if (!"open".equals(w.getString("state"))) {
                throw Problem.conflict("预警已核实或已办结，不能重复走访 / the warning is already " + w.getString("state"));
              }
              return conn.preparedQuery("UPDATE monitoring.warning SET state = 'visited', visited_at = $3,"
                      + " visited_by = $4, visit_note = $5 WHERE id = $1 AND county_code = $2")
                  .execute(Tuple.of(id, county, now(), actor, note))
                  .compose(v -> history.record(conn, w.getLong("household_id"), county, actor, "warning-visited",
                      new JsonObject().put("warningId", id)));
            })
            .compose(v -> find(conn, county, id, false))
            .map(r -> new Audited<>(toJson(r), AuditEntry.of("visit", "warning", id))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  /**
   * Settles a visited warning: {@code identify} starts the identification procedure (识别认定) unless the household
   * is already a monitoring object or in a procedure; {@code no-risk} closes it.
   */
  private void settle(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String settlement = f.oneOf("settlement", SETTLEMENTS, true);
    String note = f.text("note", 500, false);
    f.validate();
    String actor = Http.actor(rc);
    ctx.audit().inTransaction(rc, conn -> find(conn, county, id, true)
            .compose(w -> {
              if (!"visited".equals(w.getString("state"))) {
                throw Problem.conflict("预警须先入户核实再办结 / a warning is settled after the visit; it is "
                    + w.getString("state"));
              }
              long household = w.getLong("household_id");
              return settleAs(conn, county, w, settlement, actor)
                  .compose(final_ -> history.record(conn, household, county, actor, "warning-settled",
                      new JsonObject().put("warningId", id).put("settlement", final_).put("note", note)));
            })
            .compose(v -> find(conn, county, id, false))
            .map(r -> new Audited<>(toJson(r), AuditEntry.of("settle", "warning", id)
                .withDetail(new JsonObject().put("settlement", r.getString("settlement"))))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private Future<String> settleAs(SqlConnection conn, String county, Row w, String settlement, String actor) {
    long household = w.getLong("household_id");
    Future<String> outcome;
    if ("identify".equals(settlement)) {
      outcome = procedures.startIdentificationIfNeeded(conn, county, household, actor);
    } else {
      outcome = conn.preparedQuery("UPDATE monitoring.household h SET risk_state = CASE WHEN h.eliminated_on IS NULL"
              + " THEN 'normal' ELSE 'eliminated' END WHERE h.id = $1 AND h.county_code = $2 AND h.risk_state = 'warned'"
              + " AND NOT EXISTS (SELECT 1 FROM monitoring.warning o WHERE o.household_id = h.id"
              + " AND o.state <> 'settled' AND o.id <> $3)")
          .execute(Tuple.of(household, county, w.getLong("id"))).map(settlement);
    }
    return outcome.compose(s -> conn.preparedQuery("UPDATE monitoring.warning SET state = 'settled', settled_at = $3,"
            + " settled_by = $4, settlement = $5 WHERE id = $1 AND county_code = $2")
        .execute(Tuple.of(w.getLong("id"), county, now(), actor, s)).map(s));
  }

  static Future<Row> find(SqlClient conn, String county, long id, boolean lock) {
    return conn.preparedQuery("SELECT " + COLUMNS + " FROM monitoring.warning w WHERE w.id = $1 AND w.county_code = $2"
            + (lock ? " FOR UPDATE" : ""))
        .execute(Tuple.of(id, county))
        .map(rows -> {
          if (rows.size() == 0) {
            throw Problem.notFound("预警不存在 / No such warning in this county: " + id);
          }
          return rows.iterator().next();
        });
  }

  static JsonObject toJson(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("county", r.getString("county_code"))
        .put("householdId", r.getLong("household_id")).put("signalId", r.getLong("signal_id"))
        .put("rule", r.getString("rule")).put("level", r.getInteger("level")).put("state", r.getString("state"))
        .put("detail", r.getString("detail")).put("raisedOn", r.getLocalDate("raised_on").toString())
        .put("visitDue", r.getLocalDate("visit_due").toString())
        .put("settleDue", r.getLocalDate("settle_due").toString())
        .put("visitedAt", instant(r.getOffsetDateTime("visited_at"))).put("visitedBy", r.getString("visited_by"))
        .put("visitNote", r.getString("visit_note")).put("settledAt", instant(r.getOffsetDateTime("settled_at")))
        .put("settledBy", r.getString("settled_by")).put("settlement", r.getString("settlement"))
        .put("escalations", r.getInteger("escalations"));
  }

  private static String instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }

  private OffsetDateTime now() {
    return ctx.clock().instant().atOffset(ZoneOffset.UTC);
  }
}
