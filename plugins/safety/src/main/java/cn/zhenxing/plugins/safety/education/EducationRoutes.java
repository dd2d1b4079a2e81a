package cn.zhenxing.plugins.safety.education;

import cn.zhenxing.plugins.safety.enterprise.EnterpriseRoutes;
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
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * Study and education events of the campaign: concentrated study sessions (集中学习教育), the principals' "five
 * take-the-lead" (五带头), "I know hot-work risks" publicity (动火作业风险我知道), warning education (警示教育), emergency
 * science "five ones" (应急科普“五个一”), the consultation day (安全宣传咨询日), media and expert interviews (晋安记者行、
 * 区域行) — date, place, participants. {@code /counties/:county/education-events}.
 */
public final class EducationRoutes {

  static final List<String> TYPES = List.of("concentrated_study", "five_take_the_lead", "hot_work_publicity",
      "warning_education", "emergency_five_ones", "consultation_day", "media_interview", "expert_interview");
  private static final String COLUMNS = "v.id, v.county_code AS county, v.type, v.title, v.held_on, v.place,"
      + " v.participants, v.organizer, v.enterprise_id, e.name AS enterprise_name, v.demo";
  private static final String FROM = "safety.education_event v LEFT JOIN safety.enterprise e ON e.id = v.enterprise_id";

  private final PluginContext ctx;

  public EducationRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    county.get("/education-events").handler(this::list);
    county.post("/education-events").handler(this::create);
  }

  private void list(RoutingContext rc) {
    Fields q = Fields.ofQuery(rc);
    String type = q.oneOf("type", TYPES, false);
    LocalDate from = q.date("from", false);
    LocalDate to = q.date("to", false);
    q.validate();
    Page page = Page.of(rc);
    Where where = Where.county("v.county_code", Requests.county(rc).code()).and("v.type = $?", type)
        .and("v.held_on >= $?", from).and("v.held_on <= $?", to);
    where.list(ctx.pool(), page, COLUMNS, FROM, "v.held_on, v.id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    String county = Requests.county(rc).code();
    Fields f = Fields.of(Requests.jsonBody(rc));
    String type = f.oneOf("type", TYPES, true);
    String title = f.text("title", 100, true);
    LocalDate held = f.date("heldOn", true);
    String place = f.text("place", 100, true);
    Long participants = f.integer("participants", 0, 1_000_000, true);
    String organizer = f.text("organizer", 100, false);
    Long enterprise = f.integer("enterpriseId", 1, Long.MAX_VALUE, false);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> EnterpriseRoutes.checkInCounty(conn, county, enterprise, "enterpriseId")
            .compose(v -> conn.preparedQuery("WITH v AS (INSERT INTO safety.education_event (county_code, type, title,"
                    + " held_on, place, participants, organizer, enterprise_id, created_at)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *)"
                    + " SELECT " + COLUMNS + " FROM v LEFT JOIN safety.enterprise e ON e.id = v.enterprise_id")
                .execute(Tuple.from(Arrays.asList(county, type, title, held, place, participants, organizer,
                    enterprise, OffsetDateTime.now(ctx.clock())))))
            .map(rows -> {
              JsonObject view = Rows.json(rows.iterator().next());
              return new Audited<>(view, AuditEntry.of("create", "education-event", view.getLong("id")));
            }))
        .onSuccess(view -> Answers.created(rc, view))
        .onFailure(rc::fail);
  }
}
