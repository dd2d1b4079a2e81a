package cn.zhenxing.plugins.monitoring.measure;

import cn.zhenxing.plugins.monitoring.household.Households;
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
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Assistance measures (帮扶措施) from the catalogue, each with its responsible unit, start date and status. */
public final class MeasureRoutes {

  /** 产业, 就业, 医疗, 教育, 住房, 社会保障, 保险理赔, 公益岗位, 小额信贷, 雨露计划, 其他. */
  public static final List<String> KINDS = List.of("industry", "employment", "medical", "education", "housing",
      "social-security", "insurance-claim", "public-welfare-job", "small-credit", "yulu-plan", "other");
  static final List<String> STATUSES = List.of("planned", "in-progress", "completed", "stopped");
  private static final String COLUMNS = "id, county_code, household_id, kind, responsible_unit, start_on, status, amount,"
      + " note, demo";

  private final PluginContext ctx;
  private final History history;

  public MeasureRoutes(PluginContext ctx, History history) {
    this.ctx = ctx;
    this.history = history;
  }

  public void mount(Router county) {
    county.get("/measures").handler(this::list);
    county.post("/households/:id/measures").handler(this::create);
    county.put("/measures/:id").handler(this::update);
  }

  private void create(RoutingContext rc) {
    String county = Http.county(rc);
    long household = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String kind = f.oneOf("kind", KINDS, true);
    String unit = f.text("responsibleUnit", 60, true);
    LocalDate start = f.date("startOn", true);
    String status = f.oneOf("status", STATUSES, false);
    BigDecimal amount = f.decimal("amount", BigDecimal.ZERO, new BigDecimal("999999999999"), false);
    String note = f.text("note", 500, false);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> Households.find(conn, county, household, true)
            .compose(h -> conn.preparedQuery("INSERT INTO monitoring.measure (county_code, household_id, kind,"
                    + " responsible_unit, start_on, status, amount, note, created_at)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] {county, household, kind, unit, start,
                    status == null ? "in-progress" : status, amount, note,
                    ctx.clock().instant().atOffset(ZoneOffset.UTC)})))
            .map(rows -> toJson(rows.iterator().next()))
            .compose(json -> history.record(conn, household, county, Http.actor(rc), "measure-added",
                new JsonObject().put("measureId", json.getLong("id")).put("kind", kind)).map(json))
            .map(json -> new Audited<>(json, AuditEntry.of("create", "measure", json.getLong("id")))))
        .onSuccess(json -> Answers.json(rc, 201, json))
        .onFailure(rc::fail);
  }

  private void update(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String status = f.oneOf("status", STATUSES, true);
    String note = f.text("note", 500, false);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> find(conn, county, id)
            .compose(m -> conn.preparedQuery("UPDATE monitoring.measure SET status = $3, note = coalesce($4, note)"
                    + " WHERE id = $1 AND county_code = $2 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, county, status, note))
                .map(rows -> toJson(rows.iterator().next()))
                .compose(json -> history.record(conn, m.getLong("household_id"), county, Http.actor(rc),
                    "measure-changed", new JsonObject().put("measureId", id).put("status", new JsonObject()
                        .put("from", m.getString("status")).put("to", status))).map(json)))
            .map(json -> new Audited<>(json, AuditEntry.of("update", "measure", id))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields q = Fields.ofQuery(rc);
    Where where = Where.county("county_code", Http.county(rc))
        .and("kind = $?", q.oneOf("kind", KINDS, false))
        .and("status = $?", q.oneOf("status", STATUSES, false))
        .and("household_id = $?", q.integer("householdId", 1, Long.MAX_VALUE, false));
    q.validate();
    where.list(ctx.pool(), page, COLUMNS, "monitoring.measure", "id", MeasureRoutes::toJson)
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private static Future<Row> find(SqlClient conn, String county, long id) {
    return conn.preparedQuery("SELECT " + COLUMNS + " FROM monitoring.measure WHERE id = $1 AND county_code = $2"
            + " FOR UPDATE")
        .execute(Tuple.of(id, county))
        .map(rows -> {
          if (rows.size() == 0) {
            throw Problem.notFound("帮扶措施不存在 / No such measure in this county: " + id);
          }
          return rows.iterator().next();
        });
  }

  static JsonObject toJson(Row r) {
    BigDecimal amount = r.getBigDecimal("amount");
    return new JsonObject().put("id", r.getLong("id")).put("county", r.getString("county_code"))
        .put("householdId", r.getLong("household_id")).put("kind", r.getString("kind"))
        .put("responsibleUnit", r.getString("responsible_unit")).put("startOn", r.getLocalDate("start_on").toString())
        .put("status", r.getString("status")).put("amount", amount == null ? null : amount.toPlainString())
        .put("note", r.getString("note")).put("demo", r.getBoolean("demo"));
  }
}
