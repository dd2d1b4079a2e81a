package cn.zhenxing.plugins.monitoring.meeting;

import cn.zhenxing.plugins.monitoring.support.Http;
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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * 防止返贫联席会议: the quarterly joint meetings with their decisions (owner, due date), and the decisions past due.
 * The same routes serve a county (its own meetings) and the city (the city's meetings, county NULL): every lookup
 * filters by that scope, so a county never sees the city's rows by id nor the city a county's.
 */
public final class MeetingRoutes {

  private static final String MEETING = "m.id, m.county_code AS county, m.year, m.quarter, m.held_on, m.title,"
      + " m.departments, m.agenda, m.created_at, m.created_by,"
      + " (SELECT count(*) FROM monitoring.meeting_decision d WHERE d.meeting_id = m.id) AS decisions";
  private static final String DECISION = "d.id, d.meeting_id, d.county_code AS county, d.content, d.owner, d.due_on,"
      + " d.status, d.done_on, d.done_note, (d.status = 'open' AND d.due_on < $1::date) AS overdue";
  private static final String SAME_SCOPE = " IS NOT DISTINCT FROM ";

  private final PluginContext ctx;
  private final boolean city;

  private MeetingRoutes(PluginContext ctx, boolean city) {
    this.ctx = ctx;
    this.city = city;
  }

  /** The county routes ({@code /counties/:county/meetings…}) and the city routes ({@code /meetings…}). */
  public static void mount(PluginContext ctx, Router county, Router city) {
    new MeetingRoutes(ctx, false).routes(county);
    new MeetingRoutes(ctx, true).routes(city);
  }

  private void routes(Router router) {
    router.post("/meetings").handler(this::create);
    router.get("/meetings").handler(this::list);
    router.get("/meetings/:id").handler(this::get);
    router.post("/meetings/:id/decisions").handler(this::decide);
    router.get("/decisions").handler(this::decisions);
    router.put("/decisions/:id").handler(this::complete);
  }

  private String scope(RoutingContext rc) {
    return city ? null : Http.county(rc);
  }

  private void create(RoutingContext rc) {
    String county = scope(rc);
    Fields f = Fields.of(Requests.jsonBody(rc));
    LocalDate held = f.date("heldOn", true);
    String title = f.text("title", 100, true);
    String agenda = f.text("agenda", 2000, true);
    JsonArray given = f.array("departments", 50, true);
    List<String> departments = new ArrayList<>();
    for (int i = 0; given != null && i < given.size(); i++) {
      Object d = given.getValue(i);
      if (d instanceof String s && !s.isBlank() && s.strip().length() <= 30) {
        departments.add(s.strip());
      } else {
        f.check(false, "departments[" + i + "]", "应为部门名称 (不超过 30 字) / must be a department name");
      }
    }
    f.check(given == null || !given.isEmpty(), "departments", "至少一个参会部门 / at least one department");
    f.validate();
    int quarter = (held.getMonthValue() - 1) / 3 + 1;
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("SELECT 1 FROM monitoring.joint_meeting"
                + " WHERE county_code" + SAME_SCOPE + "$1 AND year = $2 AND quarter = $3")
            .execute(Tuple.of(county, held.getYear(), quarter))
            .compose(rows -> {
              if (rows.size() > 0) {
                throw Problem.conflict("heldOn: 本季度的联席会议已登记 / this quarter's joint meeting is already"
                    + " recorded");
              }
              return conn.preparedQuery("INSERT INTO monitoring.joint_meeting (county_code, year, quarter, held_on,"
                      + " title, departments, agenda, created_at, created_by)"
                      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
                  .execute(Tuple.from(new Object[] {county, held.getYear(), quarter, held, title,
                      departments.toArray(String[]::new), agenda, ctx.clock().instant().atOffset(ZoneOffset.UTC),
                      Http.actor(rc)}));
            })
            .compose(rows -> meeting(conn, county, rows.iterator().next().getLong("id")))
            .map(json -> new Audited<>(json, AuditEntry.of("create", "joint-meeting", json.getLong("id")))))
        .onSuccess(json -> Answers.json(rc, 201, json))
        .onFailure(rc::fail);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields q = Fields.ofQuery(rc);
    Where where = scoped("m.county_code", rc).and("m.year = $?", q.integer("year", 2020, 2100, false))
        .and("m.quarter = $?", q.integer("quarter", 1, 4, false));
    q.validate();
    where.list(ctx.pool(), page, MEETING, "monitoring.joint_meeting m", "m.held_on DESC, m.id")
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  /** One meeting with its decisions. */
  private void get(RoutingContext rc) {
    String county = scope(rc);
    long id = Requests.id(rc, "id");
    meeting(ctx.pool(), county, id)
        .compose(m -> ctx.pool().preparedQuery("SELECT " + DECISION + " FROM monitoring.meeting_decision d"
                + " WHERE d.meeting_id = $2 ORDER BY d.id").execute(Tuple.of(today(), id))
            .map(rows -> m.put("decisionList", Rows.array(rows))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private void decide(RoutingContext rc) {
    String county = scope(rc);
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String content = f.text("content", 500, true);
    String owner = f.text("owner", 60, true);
    LocalDate due = f.date("dueOn", true);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> meeting(conn, county, id)
            .compose(m -> {
              if (due.isBefore(LocalDate.parse(m.getString("heldOn")))) {
                throw Problem.invalid("dueOn", "不能早于会议日期 / must not be before the meeting");
              }
              return conn.preparedQuery("INSERT INTO monitoring.meeting_decision (meeting_id, county_code, content,"
                      + " owner, due_on, status) VALUES ($1, $2, $3, $4, $5, 'open') RETURNING id")
                  .execute(Tuple.of(id, county, content, owner, due));
            })
            .compose(rows -> decision(conn, county, rows.iterator().next().getLong("id")))
            .map(json -> new Audited<>(json, AuditEntry.of("create", "meeting-decision", json.getLong("id")))))
        .onSuccess(json -> Answers.json(rc, 201, json))
        .onFailure(rc::fail);
  }

  /** The decisions of the scope: {@code status}, {@code overdue=true} (open and past the due date), {@code owner}. */
  private void decisions(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields q = Fields.ofQuery(rc);
    boolean overdue = q.bool("overdue", false);
    String status = q.oneOf("status", List.of("open", "done"), false);
    String owner = q.text("owner", 60, false);
    q.validate();
    Where where = scoped("d.county_code", rc);
    String asOf = where.bind(today());
    where.and("d.status = $?", status).and("d.owner = $?", owner);
    if (overdue) {
      where.and("d.status = 'open' AND d.due_on < " + asOf + "::date");
    }
    where.list(ctx.pool(), page, DECISION.replace("$1", asOf), "monitoring.meeting_decision d", "d.due_on, d.id")
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  /** Marks a decision done ({@code doneOn}, {@code note}); once. */
  private void complete(RoutingContext rc) {
    String county = scope(rc);
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    f.oneOf("status", List.of("done"), true);
    LocalDate done = f.date("doneOn", true);
    String note = f.text("note", 500, false);
    f.check(done == null || !done.isAfter(today()), "doneOn", "不能晚于今天 / must not be in the future");
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("SELECT 1 FROM monitoring.meeting_decision"
                + " WHERE id = $1 AND county_code" + SAME_SCOPE + "$2 FOR UPDATE").execute(Tuple.of(id, county))
            .compose(locked -> decision(conn, county, id))
            .compose(d -> {
              if (!"open".equals(d.getString("status"))) {
                throw Problem.conflict("决议已办结 / the decision is already done");
              }
              return conn.preparedQuery("UPDATE monitoring.meeting_decision SET status = 'done', done_on = $3,"
                      + " done_note = $4 WHERE id = $1 AND county_code" + SAME_SCOPE + "$2")
                  .execute(Tuple.of(id, county, done, note));
            })
            .compose(v -> decision(conn, county, id))
            .map(json -> new Audited<>(json, AuditEntry.of("complete", "meeting-decision", id))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private Where scoped(String column, RoutingContext rc) {
    return city ? Where.all().and(column + " IS NULL") : Where.county(column, Http.county(rc));
  }

  private Future<JsonObject> meeting(SqlClient conn, String county, long id) {
    return conn.preparedQuery("SELECT " + MEETING + " FROM monitoring.joint_meeting m WHERE m.id = $1"
            + " AND m.county_code" + SAME_SCOPE + "$2").execute(Tuple.of(id, county))
        .map(rows -> Rows.one(rows, "联席会议", "joint meeting"));
  }

  private Future<JsonObject> decision(SqlClient conn, String county, long id) {
    return conn.preparedQuery("SELECT " + DECISION + " FROM monitoring.meeting_decision d WHERE d.id = $2"
            + " AND d.county_code" + SAME_SCOPE + "$3").execute(Tuple.of(today(), id, county))
        .map(rows -> Rows.one(rows, "会议决议", "meeting decision"));
  }

  private LocalDate today() {
    return LocalDate.now(ctx.clock());
  }
}
