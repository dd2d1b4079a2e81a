package cn.zhenxing.plugins.monitoring.signal;

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
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Signals from the six nets (六张网): report one, list them. */
public final class SignalRoutes {

  public static final List<String> CHANNELS = List.of("自主申报", "干部走访", "部门筛查", "12317热线", "网格社会", "信息比对");
  public static final List<String> DEPARTMENTS = List.of("医保", "民政", "教育", "人社", "住建", "应急管理", "残联", "其他");
  public static final List<String> KINDS = List.of("illness", "schooling", "disaster", "accident", "unemployment",
      "income-drop", "housing", "drinking-water", "other");
  private static final String COLUMNS = "id, county_code, household_id, member_id, channel, department, risk_kind,"
      + " amount, description, source, source_ref, occurred_on, received_at, outcome";

  private final PluginContext ctx;
  private final SignalIntake intake;

  public SignalRoutes(PluginContext ctx, SignalIntake intake) {
    this.ctx = ctx;
    this.intake = intake;
  }

  public void mount(Router county) {
    county.get("/signals").handler(this::list);
    county.post("/signals").handler(this::report);
    county.get("/signals/:id").handler(this::get);
  }

  private void report(RoutingContext rc) {
    String county = Http.county(rc);
    Fields f = Fields.of(Requests.jsonBody(rc));
    String channel = f.oneOf("channel", CHANNELS, true);
    String department = f.oneOf("department", DEPARTMENTS, "部门筛查".equals(channel));
    Long household = f.integer("householdId", 1, Long.MAX_VALUE, false);
    String idNumber = f.text("idNumber", 18, false);
    String kind = f.oneOf("riskKind", KINDS, true);
    // At most ten digits: an eleven-digit amount could read as a phone number in the notification text.
    BigDecimal amount = f.decimal("amount", BigDecimal.ZERO, new BigDecimal("9999999999"), false);
    String description = f.text("description", 500, false);
    String source = f.text("source", 100, true);
    String sourceRef = f.text("sourceRef", 100, false);
    LocalDate occurred = f.date("occurredOn", true);
    f.check(occurred == null || !occurred.isAfter(LocalDate.now(ctx.clock())), "occurredOn",
        "不能晚于今天 / must not be in the future");
    f.check((household == null) != (idNumber == null), "householdId",
        "须且只能填写 householdId 或 idNumber 之一 / name either the household or the person's ID-card number");
    String index = null;
    if (idNumber != null) {
      try {
        index = ctx.personalData().idCardIndex("idNumber", idNumber);
      } catch (Problem p) {
        f.check(false, "idNumber", "身份证号无效 / invalid ID-card number");
      }
    }
    f.validate();
    SignalIntake.Incoming in = new SignalIntake.Incoming(county, false, household, index, channel, department, kind, amount,
        description, source, sourceRef, occurred);
    ctx.audit().inTransaction(rc, conn -> intake.receive(conn, in, Http.actor(rc))
            .compose(id -> conn.preparedQuery("SELECT " + COLUMNS + " FROM monitoring.signal WHERE id = $1")
                .execute(Tuple.of(id)))
            .map(rows -> toJson(rows.iterator().next()))
            .map(json -> new Audited<>(json, AuditEntry.of("report", "signal", json.getLong("id"))
                .withDetail(new JsonObject().put("channel", channel).put("riskKind", kind)
                    .put("outcome", json.getString("outcome"))))))
        .onSuccess(json -> Answers.json(rc, 201, json))
        .onFailure(rc::fail);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields q = Fields.ofQuery(rc);
    Where where = Where.county("county_code", Http.county(rc))
        .and("channel = $?", q.oneOf("channel", CHANNELS, false))
        .and("risk_kind = $?", q.oneOf("riskKind", KINDS, false))
        .and("outcome = $?", q.oneOf("outcome", List.of("warned", "below-threshold", "unmatched", "already-warned"),
            false))
        .and("household_id = $?", q.integer("householdId", 1, Long.MAX_VALUE, false));
    q.validate();
    where.list(ctx.pool(), page, COLUMNS, "monitoring.signal", "id", SignalRoutes::toJson)
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    ctx.reads().preparedQuery("SELECT " + COLUMNS + " FROM monitoring.signal WHERE id = $1 AND county_code = $2")
        .execute(Tuple.of(id, Http.county(rc)))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            rc.fail(Problem.notFound("信号不存在 / No such signal in this county: " + id));
          } else {
            Answers.json(rc, 200, toJson(rows.iterator().next()));
          }
        })
        .onFailure(rc::fail);
  }

  static JsonObject toJson(Row r) {
    BigDecimal amount = r.getBigDecimal("amount");
    return new JsonObject().put("id", r.getLong("id")).put("county", r.getString("county_code"))
        .put("householdId", r.getLong("household_id")).put("memberId", r.getLong("member_id"))
        .put("channel", r.getString("channel")).put("department", r.getString("department"))
        .put("riskKind", r.getString("risk_kind")).put("amount", amount == null ? null : amount.toPlainString())
        .put("description", r.getString("description")).put("source", r.getString("source"))
        .put("sourceRef", r.getString("source_ref")).put("occurredOn", r.getLocalDate("occurred_on").toString())
        .put("receivedAt", r.getOffsetDateTime("received_at").toInstant().toString())
        .put("outcome", r.getString("outcome"));
  }
}
