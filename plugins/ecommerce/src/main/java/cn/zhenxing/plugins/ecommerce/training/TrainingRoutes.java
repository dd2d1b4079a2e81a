package cn.zhenxing.plugins.ecommerce.training;

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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Training sessions for leaders and who attended them; a leader who attended one counts as trained that year. */
public final class TrainingRoutes {

  private static final String COLUMNS = "t.id, t.county_code AS county, t.title, t.held_on, t.hours,"
      + " t.organiser, (SELECT count(*) FROM ecommerce.attendance a WHERE a.training_id = t.id) AS attendees,"
      + " t.demo";

  private static final String FROM = "ecommerce.training t";

  private final PluginContext ctx;

  public TrainingRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    county.get("/trainings").handler(this::list);
    county.post("/trainings").handler(this::create);
    county.get("/trainings/:id").handler(this::get);
    county.put("/trainings/:id/attendance").handler(this::attendance);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields query = Fields.ofQuery(rc);
    Where where = Where.county("t.county_code", Requests.county(rc).code())
        .and("extract(year FROM t.held_on) = $?", query.integer("year", 2000, 2100, false));
    query.validate();
    where.list(ctx.pool(), page, COLUMNS, FROM, "t.held_on DESC, t.id")
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Requests.id(rc, "id");
    load(ctx.reads(), county, id)
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    String county = Requests.county(rc).code();
    Fields f = Fields.of(Requests.jsonBody(rc));
    String title = f.text("title", 100, true);
    LocalDate heldOn = f.date("heldOn", true);
    BigDecimal hours = f.decimal("hours", new BigDecimal("0.5"), new BigDecimal("500"), true);
    String organiser = f.text("organiser", 100, false);
    List<Long> leaders = leaderIds(f);
    f.check(heldOn == null || !heldOn.isAfter(LocalDate.now(ctx.clock().withZone(ctx.zone())).plusYears(1)), "heldOn",
        "日期过远 / too far in the future");
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("INSERT INTO ecommerce.training (county_code, title,"
                + " held_on, hours, organiser, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
            .execute(Tuple.from(Arrays.asList(county, title, heldOn, hours, organiser,
                OffsetDateTime.now(ctx.clock()))))
            .map(rows -> rows.iterator().next().getLong("id"))
            .compose(id -> replaceAttendance(conn, county, id, leaders).map(id))
            .map(id -> new Audited<>(id, AuditEntry.of("create", "training", id)
                .withDetail(new JsonObject().put("attendees", leaders.size())))))
        .compose(id -> load(ctx.pool(), county, id))
        .onSuccess(json -> Answers.created(rc, json)).onFailure(rc::fail);
  }

  /** Replaces the attendance list of a session with the leaders named. */
  private void attendance(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    f.check(f.has("leaderIds"), "leaderIds", "必填 / required");
    List<Long> leaders = leaderIds(f);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("SELECT id FROM ecommerce.training"
                + " WHERE county_code = $1 AND id = $2 FOR UPDATE").execute(Tuple.of(county, id))
            .map(rows -> Rows.one(rows, "培训", "training"))
            .compose(row -> replaceAttendance(conn, county, id, leaders))
            .map(v -> new Audited<>(id, AuditEntry.of("attendance", "training", id)
                .withDetail(new JsonObject().put("leaderIds", new JsonArray(new ArrayList<>(leaders)))))))
        .compose(x -> load(ctx.pool(), county, x))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  private static List<Long> leaderIds(Fields f) {
    JsonArray array = f.array("leaderIds", 1000, false);
    Set<Long> ids = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      Object v = array.getValue(i);
      boolean ok = v instanceof Number n && n.longValue() > 0 && n.doubleValue() == Math.rint(n.doubleValue());
      f.check(ok, "leaderIds[" + i + "]", "应为带头人编号 / must be a leader id");
      if (ok) {
        ids.add(((Number) v).longValue());
      }
    }
    return new ArrayList<>(ids);
  }

  /** Checks every leader is of the county (422 naming the first unknown one), then writes the list. */
  private static Future<Void> replaceAttendance(SqlConnection conn, String county, long training, List<Long> leaders) {
    Long[] ids = leaders.toArray(Long[]::new);
    return conn.preparedQuery("SELECT x.id FROM unnest($2::bigint[]) WITH ORDINALITY AS x(id, n)"
            + " WHERE NOT EXISTS (SELECT 1 FROM ecommerce.leader l WHERE l.county_code = $1 AND l.id = x.id)"
            + " ORDER BY x.n")
        .execute(Tuple.tuple().addString(county).addArrayOfLong(ids))
        .compose(unknown -> {
          if (unknown.size() > 0) {
            long first = unknown.iterator().next().getLong("id");
            Fields.of(new JsonObject()).check(false, "leaderIds[" + leaders.indexOf(first) + "]",
                "本县没有编号为 " + first + " 的带头人 / no leader " + first + " in this county").validate();
          }
          return conn.preparedQuery("DELETE FROM ecommerce.attendance WHERE county_code = $1 AND training_id = $2")
              .execute(Tuple.of(county, training));
        })
        .compose(v -> conn.preparedQuery("INSERT INTO ecommerce.attendance (training_id, leader_id, county_code)"
                + " SELECT $2, id, $1 FROM unnest($3::bigint[]) AS x(id)")
            .execute(Tuple.tuple().addString(county).addLong(training).addArrayOfLong(ids)))
        .mapEmpty();
  }

  private static Future<JsonObject> load(SqlClient client, String county, long id) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM " + FROM
            + " WHERE t.county_code = $1 AND t.id = $2").execute(Tuple.of(county, id))
        .map(rows -> Rows.one(rows, "培训", "training"))
        .compose(training -> client.preparedQuery("SELECT l.id AS leader_id, l.name, l.cohort"
                + " FROM ecommerce.attendance a JOIN ecommerce.leader l ON l.id = a.leader_id"
                + " WHERE a.county_code = $1 AND a.training_id = $2 ORDER BY l.id").execute(Tuple.of(county, id))
            .map(rows -> training.put("attendance", Rows.array(rows))));
  }
}
