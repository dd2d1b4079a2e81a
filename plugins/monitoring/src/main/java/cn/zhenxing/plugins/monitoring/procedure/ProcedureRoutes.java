package cn.zhenxing.plugins.monitoring.procedure;

import cn.zhenxing.plugins.monitoring.household.Households;
import cn.zhenxing.plugins.monitoring.household.Vocabulary;
import cn.zhenxing.plugins.monitoring.support.History;
import cn.zhenxing.plugins.monitoring.support.Http;
import cn.zhenxing.plugins.monitoring.support.Settings;
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
import io.vertx.core.json.JsonArray;
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

/**
 * The procedures over HTTP: start, record each step in order (409 for any other), the county decision behind the
 * approval permission, and the public notice's text.
 */
public final class ProcedureRoutes {

  private static final List<String> OUTCOMES = List.of("passed", "rejected");
  private static final String COLUMNS = "p.id, p.county_code, p.household_id, p.kind, p.state, p.next_step,"
      + " p.first_signal_on, p.due_on, p.started_at, p.started_by, p.finished_at, p.monitoring_type, p.escalated";

  private final PluginContext ctx;
  private final Settings settings;
  private final History history;
  private final Procedures procedures;
  private final String approve;

  public ProcedureRoutes(PluginContext ctx, Settings settings, History history, Procedures procedures,
      String approvePermission) {
    this.ctx = ctx;
    this.settings = settings;
    this.history = history;
    this.procedures = procedures;
    this.approve = approvePermission;
  }

  public void mount(Router county) {
    county.post("/households/:id/procedures").handler(this::start);
    county.get("/procedures").handler(this::list);
    county.get("/procedures/:id").handler(this::get);
    county.post("/procedures/:id/steps").handler(this::step);
    county.post("/procedures/:id/decision").handler(ctx.permissions().require(approve)).handler(this::decide);
    county.get("/procedures/:id/notice").handler(this::notice);
  }

  private void start(RoutingContext rc) {
    String county = Http.county(rc);
    long household = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String kind = f.oneOf("kind", Steps.KINDS, true);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> procedures.start(conn, county, household, kind, Http.actor(rc))
            .compose(id -> load(conn, county, id))
            .map(json -> new Audited<>(json, AuditEntry.of("start-" + kind, "procedure", json.getLong("id")))))
        .onSuccess(json -> Answers.json(rc, 201, json))
        .onFailure(rc::fail);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields q = Fields.ofQuery(rc);
    boolean overdue = q.bool("overdue", false);
    Where where = Where.county("p.county_code", Http.county(rc))
        .and("p.kind = $?", q.oneOf("kind", Steps.KINDS, false))
        .and("p.state = $?", q.oneOf("state", List.of("in-progress", "approved", "rejected"), false))
        .and("p.state = 'in-progress' AND p.due_on < $?", overdue ? LocalDate.now(ctx.clock()) : null);
    q.validate();
    where.list(ctx.pool(), page, COLUMNS, "monitoring.procedure p", "p.id", ProcedureRoutes::toJson)
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    load(ctx.reads(), Http.county(rc), Requests.id(rc, "id"))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  /** Records the next step (not the county decision, which needs the approval permission). */
  private void step(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    LocalDate today = LocalDate.now(ctx.clock());
    Fields f = Fields.of(Requests.jsonBody(rc));
    String step = f.oneOf("step", List.of(Steps.HOUSEHOLD_CHECK, Steps.VILLAGE_ASSESSMENT, Steps.PUBLIC_NOTICE,
        Steps.TOWNSHIP_REVIEW), true);
    String outcome = f.oneOf("outcome", OUTCOMES, true);
    String note = f.text("note", 500, false);
    boolean authorised = f.bool("authorised", false);
    LocalDate from = Steps.PUBLIC_NOTICE.equals(step) ? f.date("noticeFrom", true) : null;
    LocalDate to = Steps.PUBLIC_NOTICE.equals(step) ? f.date("noticeTo", true) : null;
    boolean passed = "passed".equals(outcome);
    f.check(!passed || !Steps.HOUSEHOLD_CHECK.equals(step) || authorised, "authorised",
        "入户核实须有农户签字授权（授权承诺书） / the household check needs the household's signed authorisation");
    f.check(from == null || to == null || !to.isBefore(from.plusDays(settings.noticeDays())), "noticeTo",
        "公示期不少于 " + settings.noticeDays() + " 天 / the public notice must run at least " + settings.noticeDays()
            + " days");
    f.check(from == null || !from.isBefore(today.minusDays(1)), "noticeFrom",
        "公示开始日期不能早于昨天 / the notice cannot start before yesterday");
    if (Steps.PUBLIC_NOTICE.equals(step)) {
      Notice.refuseSensitive(f, "note", note);
    }
    f.validate();
    String actor = Http.actor(rc);
    ctx.audit().inTransaction(rc, conn -> find(conn, county, id, true)
            .compose(p -> {
              requireNext(p, step);
              if (Steps.TOWNSHIP_REVIEW.equals(step)) {
                return refuseDuringNotice(conn, id, today).map(p);
              }
              return Future.succeededFuture(p);
            })
            .compose(p -> noticeText(conn, county, p, step, from, to, note)
                .compose(text -> conn.preparedQuery("INSERT INTO monitoring.procedure_step (procedure_id, county_code,"
                        + " step, outcome, note, notice_from, notice_to, notice_text, at, actor)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                    .execute(Tuple.from(new Object[] {id, county, step, outcome,
                        Steps.PUBLIC_NOTICE.equals(step) ? null : note, from, to, text, now(), actor})))
                .compose(v -> advance(conn, county, p, step, passed, actor)))
            .compose(v -> load(conn, county, id))
            .map(json -> new Audited<>(json, AuditEntry.of(step, "procedure", id)
                .withDetail(new JsonObject().put("outcome", outcome)))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  /** 县级确定 / 县级审批: the last step, for holders of the approval permission only. */
  private void decide(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    LocalDate today = LocalDate.now(ctx.clock());
    Fields f = Fields.of(Requests.jsonBody(rc));
    String outcome = f.oneOf("outcome", List.of("approved", "rejected"), true);
    String type = f.oneOf("monitoringType", Vocabulary.MONITORING_TYPES, false);
    String note = f.text("note", 500, false);
    f.validate();
    String actor = Http.actor(rc);
    boolean approved = "approved".equals(outcome);
    ctx.audit().inTransaction(rc, conn -> find(conn, county, id, true)
            .compose(p -> {
              requireNext(p, Steps.COUNTY_DECISION);
              boolean identification = Steps.IDENTIFICATION.equals(p.getString("kind"));
              if (approved && identification && type == null) {
                throw Problem.invalid("monitoringType", "认定为监测对象时必填 / required when approving an identification");
              }
              Future<Void> eligible = approved && !identification
                  ? Households.find(conn, county, p.getLong("household_id"), true)
                      .compose(h -> procedures.refuseUnlessEliminable(conn, h))
                  : Future.succeededFuture();
              return eligible.compose(v -> refuseDuringNotice(conn, id, today))
                  .compose(v -> conn.preparedQuery("INSERT INTO monitoring.procedure_step (procedure_id, county_code,"
                          + " step, outcome, note, at, actor) VALUES ($1, $2, 'county-decision', $3, $4, $5, $6)")
                      .execute(Tuple.of(id, county, approved ? "passed" : "rejected", note, now(), actor)))
                  .compose(v -> conn.preparedQuery("UPDATE monitoring.procedure SET monitoring_type = $3"
                      + " WHERE id = $1 AND county_code = $2").execute(Tuple.of(id, county, type)))
                  .compose(v -> advance(conn, county, p, Steps.COUNTY_DECISION, approved, actor));
            })
            .compose(v -> load(conn, county, id))
            .map(json -> new Audited<>(json, AuditEntry.of("decide", "procedure", id)
                .withDetail(new JsonObject().put("outcome", outcome)))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private void notice(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    ctx.pool().preparedQuery("SELECT s.notice_from, s.notice_to, s.notice_text, s.outcome FROM monitoring.procedure_step s"
            + " JOIN monitoring.procedure p ON p.id = s.procedure_id WHERE s.procedure_id = $1 AND p.county_code = $2"
            + " AND s.step = 'public-notice'")
        .execute(Tuple.of(id, county))
        .onSuccess(rows -> {
          if (rows.size() == 0 || rows.iterator().next().getString("notice_text") == null) {
            rc.fail(Problem.notFound("该程序尚无公示 / this procedure has no public notice yet"));
            return;
          }
          Row r = rows.iterator().next();
          Answers.json(rc, 200, new JsonObject().put("procedureId", id).put("from", r.getLocalDate("notice_from").toString())
              .put("to", r.getLocalDate("notice_to").toString()).put("text", r.getString("notice_text")));
        })
        .onFailure(rc::fail);
  }

  private static void requireNext(Row p, String step) {
    if (!"in-progress".equals(p.getString("state"))) {
      throw Problem.conflict("程序已结束（" + p.getString("state") + "） / the procedure is already finished");
    }
    String next = p.getString("next_step");
    if (!next.equals(step)) {
      throw Problem.conflict("下一步应为 " + next + "，不能办理 " + step + " / the next step is " + next + ", not " + step);
    }
  }

  /** The township review and county decision wait until the public notice has run its course. */
  private Future<Void> refuseDuringNotice(SqlConnection conn, long id, LocalDate today) {
    return conn.preparedQuery("SELECT notice_to FROM monitoring.procedure_step WHERE procedure_id = $1"
            + " AND step = 'public-notice'")
        .execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() > 0 && !today.isAfter(rows.iterator().next().getLocalDate("notice_to"))) {
            throw Problem.conflict("公示期至 " + rows.iterator().next().getLocalDate("notice_to") + " 结束前不能办理下一步"
                + " / the public notice runs until " + rows.iterator().next().getLocalDate("notice_to"));
          }
          return null;
        });
  }

  private Future<String> noticeText(SqlConnection conn, String county, Row p, String step, LocalDate from,
      LocalDate to, String note) {
    if (!Steps.PUBLIC_NOTICE.equals(step)) {
      return Future.succeededFuture(null);
    }
    return conn.preparedQuery("SELECT h.township, h.village, h.head_name, (SELECT count(*) FROM monitoring.member m"
            + " WHERE m.household_id = h.id) AS size FROM monitoring.household h WHERE h.id = $1 AND h.county_code = $2")
        .execute(Tuple.of(p.getLong("household_id"), county))
        .map(rows -> {
          Row h = rows.iterator().next();
          return Notice.text(p.getString("kind"), h.getString("township"), h.getString("village"),
              h.getString("head_name"), h.getLong("size").intValue(), from, to, note);
        });
  }

  /** Moves the procedure on; a rejection or the decision ends it and sets the household's state. */
  private Future<Void> advance(SqlConnection conn, String county, Row p, String step, boolean passed, String actor) {
    long id = p.getLong("id");
    String kind = p.getString("kind");
    long household = p.getLong("household_id");
    String next = passed ? Steps.after(kind, step) : null;
    String state = next != null ? "in-progress" : passed ? "approved" : "rejected";
    LocalDate today = LocalDate.now(ctx.clock());
    Future<Void> moved = conn.preparedQuery("UPDATE monitoring.procedure SET next_step = $3, state = $4::text,"
            + " finished_at = CASE WHEN $4::text = 'in-progress' THEN NULL ELSE $5::timestamptz END"
            + " WHERE id = $1 AND county_code = $2")
        .execute(Tuple.of(id, county, next, state, now()))
        .mapEmpty();
    String householdUpdate = null;
    if ("approved".equals(state) && Steps.IDENTIFICATION.equals(kind)) {
      householdUpdate = "UPDATE monitoring.household SET risk_state = 'monitored', monitoring_type = p.monitoring_type,"
          + " monitored_since = $3, eliminated_on = NULL, updated_at = $4 FROM monitoring.procedure p"
          + " WHERE p.id = $5 AND household.id = $1 AND household.county_code = $2";
    } else if ("approved".equals(state)) {
      householdUpdate = "UPDATE monitoring.household SET risk_state = 'eliminated', eliminated_on = $3, updated_at = $4"
          + " WHERE id = $1 AND county_code = $2 AND $5::bigint IS NOT NULL";
    } else if ("rejected".equals(state) && Steps.IDENTIFICATION.equals(kind)) {
      householdUpdate = "UPDATE monitoring.household SET risk_state = CASE WHEN eliminated_on IS NULL THEN 'normal'"
          + " ELSE 'eliminated' END, updated_at = $4 WHERE id = $1 AND county_code = $2 AND $3::date IS NOT NULL"
          + " AND $5::bigint IS NOT NULL";
    }
    String update = householdUpdate;
    return moved
        .compose(v -> update == null ? Future.succeededFuture() : conn.preparedQuery(update)
            .execute(Tuple.of(household, county, today, now(), id)).mapEmpty())
        .compose(v -> history.record(conn, household, county, actor, kind + "-" + step, new JsonObject()
            .put("procedureId", id).put("outcome", passed ? "passed" : "rejected").put("procedureState", state)));
  }

  static Future<Row> find(SqlClient conn, String county, long id, boolean lock) {
    return conn.preparedQuery("SELECT " + COLUMNS + " FROM monitoring.procedure p WHERE p.id = $1 AND p.county_code = $2"
            + (lock ? " FOR UPDATE" : ""))
        .execute(Tuple.of(id, county))
        .map(rows -> {
          if (rows.size() == 0) {
            throw Problem.notFound("程序不存在 / No such procedure in this county: " + id);
          }
          return rows.iterator().next();
        });
  }

  private static Future<JsonObject> load(SqlClient conn, String county, long id) {
    return find(conn, county, id, false).compose(p -> conn.preparedQuery("SELECT step, outcome, note, notice_from,"
            + " notice_to, at, actor FROM monitoring.procedure_step WHERE procedure_id = $1 ORDER BY id")
        .execute(Tuple.of(id))
        .map(rows -> {
          JsonArray steps = new JsonArray();
          rows.forEach(s -> steps.add(new JsonObject().put("step", s.getString("step"))
              .put("outcome", s.getString("outcome")).put("note", s.getString("note"))
              .put("noticeFrom", text(s.getLocalDate("notice_from"))).put("noticeTo", text(s.getLocalDate("notice_to")))
              .put("at", s.getOffsetDateTime("at").toInstant().toString()).put("actor", s.getString("actor"))));
          return toJson(p).put("steps", steps);
        }));
  }

  static JsonObject toJson(Row p) {
    OffsetDateTime finished = p.getOffsetDateTime("finished_at");
    return new JsonObject().put("id", p.getLong("id")).put("county", p.getString("county_code"))
        .put("householdId", p.getLong("household_id")).put("kind", p.getString("kind"))
        .put("state", p.getString("state")).put("nextStep", p.getString("next_step"))
        .put("firstSignalOn", p.getLocalDate("first_signal_on").toString())
        .put("dueOn", p.getLocalDate("due_on").toString())
        .put("startedAt", p.getOffsetDateTime("started_at").toInstant().toString())
        .put("startedBy", p.getString("started_by"))
        .put("finishedAt", finished == null ? null : finished.toInstant().toString())
        .put("monitoringType", p.getString("monitoring_type")).put("escalated", p.getBoolean("escalated"));
  }

  private static String text(LocalDate d) {
    return d == null ? null : d.toString();
  }

  private OffsetDateTime now() {
    return ctx.clock().instant().atOffset(ZoneOffset.UTC);
  }
}
