package cn.zhenxing.plugins.safety.hazard;

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
import cn.zhenxing.sdk.notify.Notification;
import cn.zhenxing.sdk.security.Principal;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;

/**
 * The hazard register: {@code /counties/:county/hazards} (record, list, look at, move through the rectification
 * workflow) and the city's view of every county's major hazards, {@code /major-hazards}.
 */
public final class HazardRoutes {


  private final PluginContext ctx;
  private final HazardNotices notices;

  public HazardRoutes(PluginContext ctx) {
    this.ctx = ctx;
    this.notices = new HazardNotices(ctx.notifications());
  }

  public void mount(Router city, Router county) {
    ctx.http().constraint("hazard_code_key", "code", "本县区已有该隐患编号 / this hazard code is already in use");
    county.get("/hazards").handler(this::list);
    county.post("/hazards").handler(this::create);
    county.get("/hazards/:id").handler(this::get);
    county.put("/hazards/:id").handler(this::update);
    county.post("/hazards/:id/status").handler(this::move);
    city.get("/major-hazards").handler(this::majorHazards);
  }

  private void list(RoutingContext rc) {
    Where where = filters(rc, Where.county("h.county_code", Requests.county(rc).code()));
    page(rc, where, "h.id");
  }

  /** Major hazards of every county, for the city, which tracks them. */
  private void majorHazards(RoutingContext rc) {
    Fields q = Fields.ofQuery(rc);
    String county = q.text("county", 6, false);
    q.check(county == null || county.matches("\\d{6}"), "county", "应为六位县区代码 / must be a six-digit county code");
    q.validate();
    Where where = filters(rc, Where.all().and("h.level = 'major'").and("h.county_code = $?", county));
    page(rc, where, "h.county_code, h.id");
  }

  private void page(RoutingContext rc, Where where, String order) {
    Page page = Page.of(rc);
    where.list(ctx.pool(), page, HazardView.COLUMNS, HazardView.FROM, order)
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private static Where filters(RoutingContext rc, Where where) {
    Fields q = Fields.ofQuery(rc);
    String status = q.oneOf("status", Hazards.STATUS_ORDER, false);
    String level = q.oneOf("level", Hazards.LEVEL_ORDER, false);
    Boolean overdue = q.has("overdue") ? q.bool("overdue", false) : null;
    Long enterprise = q.integer("enterpriseId", 1, Long.MAX_VALUE, false);
    LocalDate from = q.date("foundFrom", false);
    LocalDate to = q.date("foundTo", false);
    q.validate();
    return where.and("h.status = $?", status).and("h.level = $?", level).and("h.overdue = $?", overdue)
        .and("h.enterprise_id = $?", enterprise).and("h.found_on >= $?", from).and("h.found_on <= $?", to);
  }

  private void get(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    ctx.pool().withConnection(conn -> load(conn, Requests.county(rc).code(), id, false).map(Rows::json))
        .onSuccess(view -> Answers.ok(rc, view))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    String county = Requests.county(rc).code();
    Principal user = Requests.principal(rc);
    HazardInput in = HazardInput.read(Requests.jsonBody(rc), LocalDate.now(ctx.clock().withZone(ctx.zone())));
    ctx.audit().inTransaction(rc, conn -> EnterpriseRoutes.checkInCounty(conn, county, in.enterpriseId(),
                "enterpriseId")
            .compose(v -> conn.preparedQuery("INSERT INTO safety.hazard (county_code, code, enterprise_id, found_on,"
                    + " found_by, description, level, responsible_person, plan, deadline, reported_by,"
                    + " reported_by_name, created_at, updated_at) VALUES ($1,"
                    + " coalesce($2, 'YH' || to_char($4::date, 'YYYYMMDD') || '-'"
                    + " || nextval('safety.hazard_code_seq')),"
                    + " $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id")
                .execute(Tuple.from(Arrays.asList(county, in.code(), in.enterpriseId(), in.foundOn(), in.foundBy(),
                    in.description(), in.level(), in.responsiblePerson(), in.plan(), in.deadline(), user.userId(),
                    user.username(), OffsetDateTime.now(ctx.clock())))))
            .compose(rows -> load(conn, county, rows.iterator().next().getLong(0), false))
            .compose(row -> tellTheCity(conn, row).map(row))
            .map(row -> new Audited<>(Rows.json(row), AuditEntry.of("create", "hazard", row.getLong("id"))
                .withDetail(new JsonObject().put("level", in.level())))))
        .onSuccess(view -> Answers.created(rc, view))
        .onFailure(rc::fail);
  }

  /**
   * Changes what may change while a hazard is not closed: description, responsible person, plan and deadline. The
   * enterprise, the date found, the level and the reporter are facts of the finding and stay.
   */
  private void update(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String description = f.text("description", 1000, true);
    String responsible = f.text("responsiblePerson", 50, true);
    String plan = f.text("plan", 2000, false);
    LocalDate deadline = f.date("deadline", true);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> load(conn, county, id, true)
            .compose(row -> {
              if ("verified".equals(row.getString("status"))) {
                return Future.failedFuture(Problem.conflict("隐患已验收销号，不能修改 / a verified hazard is closed"));
              }
              Fields rules = Fields.of(new JsonObject());
              rules.check(plan != null || !"major".equals(row.getString("level")), "plan",
                  "重大隐患须填写整改方案 / a major hazard needs a rectification plan");
              rules.check(!deadline.isBefore(row.getLocalDate("found_on")), "deadline",
                  "不能早于发现日期 / must not be before foundOn");
              rules.validate();
              return conn.preparedQuery("UPDATE safety.hazard SET description = $3, responsible_person = $4,"
                      + " plan = $5, deadline = $6, updated_at = $7 WHERE id = $1 AND county_code = $2")
                  .execute(Tuple.from(Arrays.asList(id, county, description, responsible, plan, deadline,
                      OffsetDateTime.now(ctx.clock()))));
            })
            .compose(v -> load(conn, county, id, false))
            .map(row -> new Audited<>(Rows.json(row), AuditEntry.of("update", "hazard", id))))
        .onSuccess(view -> Answers.ok(rc, view))
        .onFailure(rc::fail);
  }

  /**
   * Moves a hazard one step: {@code {"status": "rectifying"}}, {@code {"status": "rectified", "evidence": ...}},
   * {@code {"status": "verified", "note": ...}} (the caller is the verifier), or back to {@code rectifying} from
   * {@code rectified} when the rectification is not good enough.
   */
  private void move(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Requests.id(rc, "id");
    Principal user = Requests.principal(rc);
    Fields f = Fields.of(Requests.jsonBody(rc));
    String to = f.oneOf("status", Hazards.STATUS_ORDER, true);
    String evidence = f.text("evidence", 2000, false);
    String note = f.text("note", 500, false);
    f.check(!"rectified".equals(to) || evidence != null, "evidence",
        "整改完成须提供整改证据 / rectification needs evidence");
    f.validate();
    LocalDate on = LocalDate.now(ctx.clock().withZone(ctx.zone()));
    ctx.audit().inTransaction(rc, conn -> load(conn, county, id, true)
            .compose(row -> {
              String from = row.getString("status");
              checkMove(row, from, to, user);
              return conn.preparedQuery("UPDATE safety.hazard SET status = $3::text, updated_at = $4,"
                      + " evidence = coalesce($5::text, evidence),"
                      + " rectified_on = CASE WHEN $3::text = 'rectified' THEN $6::date ELSE rectified_on END,"
                      + " verified_by = CASE WHEN $3::text = 'verified' THEN $7::bigint END,"
                      + " verified_by_name = CASE WHEN $3::text = 'verified' THEN $8::text END,"
                      + " verified_on = CASE WHEN $3::text = 'verified' THEN $6::date END,"
                      + " verifier_note = CASE WHEN $3::text IN ('verified', 'rectifying') THEN $9::text"
                      + " ELSE verifier_note END"
                      + " WHERE id = $1 AND county_code = $2")
                  .execute(Tuple.from(Arrays.asList(id, county, to, OffsetDateTime.now(ctx.clock()), evidence, on,
                      user.userId(), user.username(), note)))
                  .compose(v -> load(conn, county, id, false))
                  .map(updated -> new Audited<>(Rows.json(updated), AuditEntry.of("status", "hazard", id)
                      .withDetail(new JsonObject().put("from", from).put("to", to)
                          .put("level", row.getString("level")))));
            }))
        .onSuccess(view -> Answers.ok(rc, view))
        .onFailure(rc::fail);
  }

  /**
   * The city tracks major hazards: it is told of each one when it is recorded, in the same transaction. The
   * description stays out of the message (free text, it could hold anything).
   */
  private Future<Void> tellTheCity(SqlConnection conn, Row hazard) {
    if (!"major".equals(hazard.getString("level"))) {
      return Future.succeededFuture();
    }
    String county = hazard.getString("county");
    String countyName = ctx.counties().byCode(county).map(c -> c.nameZh()).orElse(county);
    long id = hazard.getLong("id");
    String title = "重大隐患上报 / Major hazard reported: ";
    String body = "，整改期限 " + hazard.getLocalDate("deadline") + "。";
    String link = "/api/v1/safety/counties/" + county + "/hazards/" + id;
    return notices.send(conn,
            reported(title + hazard.getString("code"), countyName + " " + hazard.getString("enterprise_name")
                + " 上报重大隐患 " + hazard.getString("code") + body, link),
            reported(title + "#" + id, countyName + " 上报重大隐患" + body, link))
        .mapEmpty();
  }

  private static Notification reported(String title, String body, String link) {
    return Notification.toCity("major-hazard-reported", title, body).level(Notification.Level.WARNING).link(link);
  }

  /** The workflow's rules for one move; a 409 explaining why when the move is not allowed. */
  private static void checkMove(Row row, String from, String to, Principal user) {
    if (!Hazards.canMove(from, to)) {
      throw Problem.conflict("隐患状态为“" + Hazards.STATUSES.get(from) + "”，不能改为“" + Hazards.STATUSES.get(to)
          + "” / a hazard that is " + from + " cannot become " + to);
    }
    Long reporter = row.getLong("reporter_id");
    if ("verified".equals(to) && "major".equals(row.getString("level")) && reporter != null
        && reporter == user.userId()) {
      throw Problem.conflict("重大隐患须由上报人以外的人员核验销号 / a major hazard must be verified by someone other"
          + " than the person who reported it");
    }
  }

  /**
   * The hazard of the county with its enterprise's name; 404 for another county's. Locked for an update, with the
   * reporter's user id ({@code reporter_id}) the workflow's rules need.
   */
  static Future<Row> load(SqlConnection conn, String county, long id, boolean forUpdate) {
    return conn.preparedQuery("SELECT " + HazardView.COLUMNS + (forUpdate ? ", h.reported_by AS reporter_id" : "")
            + " FROM " + HazardView.FROM + " WHERE h.id = $1 AND h.county_code = $2"
            + (forUpdate ? " FOR UPDATE OF h" : ""))
        .execute(Tuple.of(id, county))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Problem.notFound("隐患不存在 / No such hazard"))
            : Future.succeededFuture(rows.iterator().next()));
  }
}
