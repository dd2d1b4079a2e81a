package cn.zhenxing.plugins.labor.employment;

import cn.zhenxing.plugins.labor.common.References;
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
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * 务工就业记录: a county records its labourers' jobs, ends them, and asks who was employed on a day — one labourer
 * ({@code /labourers/{id}/status?asOf=}) or the whole county ({@code /employment-summary?asOf=}).
 */
public final class EmploymentRoutes {

  private static final String COLUMNS = "e.id, e.county_code AS county, e.labourer_id, l.name AS labourer_name,"
      + " e.employer, e.place, e.province, e.sector, e.start_date, e.end_date, e.monthly_income, e.found_via, e.intermediary_id,"
      + " e.lost_detected_on, e.demo";
  private static final String FROM = "labor.employment e JOIN labor.labourer l ON l.id = e.labourer_id";

  private final PluginContext ctx;

  public EmploymentRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    ctx.http().constraint("employment_natural", "startDate", "该劳动力在同一单位同一天开始的务工已登记 / This labourer's"
        + " job with this employer starting that day is already recorded");
    county.get("/employments").handler(this::list);
    county.post("/employments").handler(this::create);
    county.get("/employments/:employmentId").handler(this::get);
    county.put("/employments/:employmentId/end").handler(this::end);
    county.get("/labourers/:labourerId/status").handler(this::status);
    county.get("/employment-summary").handler(this::summary);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields q = Fields.ofQuery(rc);
    LocalDate activeOn = q.date("activeOn", false);
    Where where = Where.county("e.county_code", Requests.county(rc).code())
        .and("e.labourer_id = $?", q.integer("labourerId", 1, Long.MAX_VALUE, false))
        .and("e.place = $?", q.oneOf("place", Employment.PLACES, false))
        .and("e.found_via = $?", q.oneOf("foundVia", Employment.FOUND_VIA, false))
        .and("e.intermediary_id = $?", q.integer("intermediaryId", 1, Long.MAX_VALUE, false))
        .and("e.start_date <= $?", activeOn)
        .and("(e.end_date IS NULL OR e.end_date >= $?)", activeOn);
    q.validate();
    where.list(ctx.pool(), page, COLUMNS, FROM, "e.start_date DESC, e.id DESC")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    ctx.pool().preparedQuery("SELECT " + COLUMNS + " FROM " + FROM + " WHERE e.id = $1 AND e.county_code = $2")
        .execute(Tuple.of(Requests.id(rc, "employmentId"), Requests.county(rc).code()))
        .map(rows -> Rows.one(rows, "务工记录", "employment"))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    Employment e = Employment.read(Fields.of(Requests.jsonBody(rc)));
    String county = Requests.county(rc).code();
    ctx.audit().inTransaction(rc, conn -> References.exist(conn, "labor.labourer", e.labourerId(), county,
            "labourerId", "本县没有这个劳动力 / no such labourer in this county")
            .compose(v -> References.exist(conn, "labor.intermediary", e.intermediaryId(), county, "intermediaryId",
                "本县没有这个中介组织 / no such intermediary in this county"))
            .compose(v -> conn.preparedQuery("INSERT INTO labor.employment (county_code, labourer_id, employer, place,"
                    + " province, sector, start_date, end_date, monthly_income, found_via, intermediary_id, created_at)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id")
                .execute(Tuple.from(new Object[] {county, e.labourerId(), e.employer(), e.place(), e.province(),
                    e.sector(), e.startDate(), e.endDate(), e.monthlyIncome(), e.foundVia(), e.intermediaryId(),
                    ctx.clock().instant().atOffset(ZoneOffset.UTC)})))
            .compose(rows -> read(conn, county, rows.iterator().next().getLong("id")))
            .map(json -> new Audited<>(json, AuditEntry.of("create", "employment", json.getLong("id")))))
        .onSuccess(json -> Answers.created(rc, json))
        .onFailure(rc::fail);
  }

  /** Ends a job on a day (or corrects the end); the employment-lost job looks at it after the grace period. */
  private void end(RoutingContext rc) {
    long id = Requests.id(rc, "employmentId");
    Fields f = Fields.of(Requests.jsonBody(rc));
    LocalDate endDate = f.date("endDate", true);
    f.validate();
    String county = Requests.county(rc).code();
    ctx.audit().inTransaction(rc, conn -> conn
            .preparedQuery("SELECT start_date, lost_detected_on FROM labor.employment WHERE id = $1"
                + " AND county_code = $2 FOR UPDATE")
            .execute(Tuple.of(id, county))
            .compose(rows -> {
              Rows.one(rows, "务工记录", "employment");
              LocalDate start = rows.iterator().next().getLocalDate("start_date");
              if (endDate.isBefore(start)) {
                throw Problem.invalid("endDate", "不能早于开始日期 " + start + " / must not be before the start " + start);
              }
              if (rows.iterator().next().getLocalDate("lost_detected_on") != null) {
                throw Problem.conflict("已据此结束日期发出失业信号，不能再改 / The loss of this job has already been "
                    + "reported; record a new employment instead");
              }
              return conn.preparedQuery("UPDATE labor.employment SET end_date = $3 WHERE id = $1 AND county_code = $2")
                  .execute(Tuple.of(id, county, endDate));
            })
            .compose(v -> read(conn, county, id))
            .map(json -> new Audited<>(json, AuditEntry.of("end", "employment", id)
                .withDetail(new JsonObject().put("endDate", endDate.toString())))))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void status(RoutingContext rc) {
    long labourerId = Requests.id(rc, "labourerId");
    String county = Requests.county(rc).code();
    LocalDate asOf = asOf(rc);
    Where where = Where.county("e.county_code", county).and("e.labourer_id = $?", labourerId)
        .and("e.start_date <= $?", asOf).and("(e.end_date IS NULL OR e.end_date >= $?)", asOf);
    ctx.pool().preparedQuery("SELECT 1 FROM labor.labourer WHERE id = $1 AND county_code = $2")
        .execute(Tuple.of(labourerId, county))
        .compose(found -> {
          Rows.one(found, "劳动力", "labourer");
          return ctx.pool().preparedQuery("SELECT " + COLUMNS + " FROM " + FROM + where.sql()
                  + " ORDER BY e.start_date")
              .execute(where.params());
        })
        .onSuccess(rows -> {
          JsonArray jobs = Rows.array(rows);
          boolean outside = jobs.stream().map(JsonObject.class::cast)
              .anyMatch(j -> "outside".equals(j.getString("place")));
          Answers.ok(rc, new JsonObject().put("labourerId", labourerId).put("asOf", asOf.toString())
              .put("employed", !jobs.isEmpty()).put("outsideProvince", outside).put("employments", jobs));
        })
        .onFailure(rc::fail);
  }

  private void summary(RoutingContext rc) {
    String county = Requests.county(rc).code();
    LocalDate asOf = asOf(rc);
    EmploymentCounts.of(ctx.pool(), county, asOf)
        .compose(figures -> ctx.pool().preparedQuery("SELECT employed_target, outside_target FROM labor.county_target"
                + " WHERE county_code = $1 AND year = $2").execute(Tuple.of(county, asOf.getYear()))
            .map(targets -> {
              JsonObject answer = new JsonObject().put("county", county).put("asOf", asOf.toString())
                  .put("employed", figures.employed()).put("outside", figures.outside());
              targets.forEach(t -> answer.put("employedTarget", t.getInteger("employed_target"))
                  .put("outsideTarget", t.getInteger("outside_target")));
              return answer;
            }))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  /** The day a status is asked for: {@code ?asOf=}, today by default. */
  private LocalDate asOf(RoutingContext rc) {
    Fields q = Fields.ofQuery(rc);
    LocalDate asOf = q.date("asOf", false);
    q.validate();
    return asOf == null ? LocalDate.now(ctx.clock().withZone(ctx.zone())) : asOf;
  }

  static Future<JsonObject> read(SqlConnection conn, String county, long id) {
    return conn.preparedQuery("SELECT " + COLUMNS + " FROM " + FROM + " WHERE e.id = $1 AND e.county_code = $2")
        .execute(Tuple.of(id, county))
        .map(rows -> Rows.one(rows, "务工记录", "employment"));
  }
}
