package cn.zhenxing.plugins.labor.intermediary;

import cn.zhenxing.plugins.labor.common.TextLists;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * 劳务中介组织: the organisations that open labour markets outside the province, the provinces each serves, the
 * placements made through each (employments found via it) and the follow-up of those placements.
 */
public final class IntermediaryRoutes {

  /** An intermediary with its placements, in all and still at work on {@code today} (a placeholder). */
  private static String columns(String today) {
    return "i.id, i.county_code AS county, i.name, i.licence_no, i.provinces, i.demo,"
        + " (SELECT count(*) FROM labor.employment e WHERE e.intermediary_id = i.id) AS placements,"
        + " (SELECT count(*) FROM labor.employment e WHERE e.intermediary_id = i.id AND e.start_date <= " + today
        + " AND (e.end_date IS NULL OR e.end_date >= " + today + ")) AS placements_active";
  }

  private final PluginContext ctx;

  public IntermediaryRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    ctx.http().constraint("intermediary_county_code_name_key", "name",
        "本县已有同名中介组织 / The county already has an intermediary of this name");
    county.get("/intermediaries").handler(this::list);
    county.post("/intermediaries").handler(this::create);
    county.get("/intermediaries/:intermediaryId").handler(this::get);
    county.get("/employments/:employmentId/follow-ups").handler(this::followUps);
    county.post("/employments/:employmentId/follow-ups").handler(this::followUp);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields q = Fields.ofQuery(rc);
    String province = q.text("province", 20, false);
    q.validate();
    Where where = Where.county("i.county_code", Requests.county(rc).code());
    String today = where.bind(today());
    where.and("$? = ANY (i.provinces)", province);
    where.list(ctx.pool(), page, columns(today), "labor.intermediary i", "i.id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    ctx.pool().preparedQuery("SELECT " + columns("$2") + " FROM labor.intermediary i WHERE i.id = $1"
            + " AND i.county_code = $3")
        .execute(Tuple.of(Requests.id(rc, "intermediaryId"), today(), Requests.county(rc).code()))
        .map(rows -> Rows.one(rows, "中介组织", "intermediary"))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    Fields f = Fields.of(Requests.jsonBody(rc));
    String name = f.text("name", 100, true);
    String licence = f.text("licenceNo", 50, false);
    List<String> provinces = TextLists.read(f, "provinces", 34, 20, true);
    f.validate();
    String county = Requests.county(rc).code();
    ctx.audit().inTransaction(rc, conn -> conn
            .preparedQuery("INSERT INTO labor.intermediary (county_code, name, licence_no, provinces, created_at)"
                + " VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .execute(Tuple.of(county, name, licence, provinces.toArray(String[]::new),
                ctx.clock().instant().atOffset(ZoneOffset.UTC)))
            .compose(rows -> conn
                .preparedQuery("SELECT " + columns("$2") + " FROM labor.intermediary i WHERE i.id = $1")
                .execute(Tuple.of(rows.iterator().next().getLong("id"), today())))
            .map(rows -> {
              JsonObject json = Rows.one(rows, "中介组织", "intermediary");
              return new Audited<>(json, AuditEntry.of("create", "intermediary", json.getLong("id")));
            }))
        .onSuccess(json -> Answers.created(rc, json))
        .onFailure(rc::fail);
  }

  private void followUps(RoutingContext rc) {
    Page page = Page.of(rc);
    String county = Requests.county(rc).code();
    long employmentId = Requests.id(rc, "employmentId");
    ctx.pool().preparedQuery("SELECT 1 FROM labor.employment WHERE id = $1 AND county_code = $2")
        .execute(Tuple.of(employmentId, county))
        .compose(found -> {
          Rows.one(found, "务工记录", "employment");
          return Where.county("county_code", county).and("employment_id = $?", employmentId)
              .list(ctx.pool(), page, "id, employment_id, followed_on, still_employed, note", "labor.follow_up",
                  "followed_on DESC, id DESC");
        })
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void followUp(RoutingContext rc) {
    long employmentId = Requests.id(rc, "employmentId");
    Fields f = Fields.of(Requests.jsonBody(rc));
    LocalDate on = f.date("followedOn", true);
    Boolean still = f.has("stillEmployed") ? f.bool("stillEmployed", false) : null;
    f.check(still != null, "stillEmployed", "必填 / required");
    String note = f.text("note", 1000, false);
    f.validate();
    String county = Requests.county(rc).code();
    ctx.audit().inTransaction(rc, conn -> conn
            .preparedQuery("INSERT INTO labor.follow_up (county_code, employment_id, followed_on, still_employed, note,"
                + " created_at) SELECT county_code, id, $3, $4, $5, $6 FROM labor.employment"
                + " WHERE id = $1 AND county_code = $2"
                + " RETURNING id, employment_id, followed_on, still_employed, note")
            .execute(Tuple.from(new Object[] {employmentId, county, on, still, note == null ? "" : note,
                ctx.clock().instant().atOffset(ZoneOffset.UTC)}))
            .map(rows -> {
              JsonObject json = Rows.one(rows, "务工记录", "employment");
              return new Audited<>(json, AuditEntry.of("create", "follow-up", json.getLong("id")));
            }))
        .onSuccess(json -> Answers.created(rc, json))
        .onFailure(rc::fail);
  }

  /** Today in the city: the platform clock (tests move it) read in the platform's zone. */
  private LocalDate today() {
    return LocalDate.now(ctx.clock().withZone(ctx.zone()));
  }
}
