package cn.zhenxing.plugins.safety.training;

import cn.zhenxing.plugins.safety.enterprise.EnterpriseRoutes;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.personal.Sealed;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * Hazardous-work training ("动火作业风险我知道": welders and other hazardous-work personnel) with its trainees and their
 * certificates: {@code /counties/:county/trainings} and {@code .../trainings/:id/trainees}. Trainees' ID-card numbers
 * are sealed; answers show them masked.
 */
public final class TrainingRoutes {

  static final List<String> WORK_TYPES = List.of("hot_work", "welding", "electrical", "confined_space",
      "work_at_height", "hoisting", "other");
  private static final String TRAINING_COLUMNS = "t.id, t.county_code AS county, t.enterprise_id,"
      + " e.name AS enterprise_name, t.work_type, t.title, t.held_on, t.place, t.trainer,"
      + " (SELECT count(*) FROM safety.trainee p WHERE p.training_id = t.id) AS trainees, t.demo";
  /** A trainee as answers show them: the ID number masked only. */
  private static final String TRAINEE_COLUMNS = "id, training_id, name, id_masked AS id_number, passed,"
      + " certificate_no, certificate_until";
  private static final String TRAINING_FROM =
      "safety.training t LEFT JOIN safety.enterprise e ON e.id = t.enterprise_id";

  private final PluginContext ctx;

  public TrainingRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    ctx.http().constraint("trainee_once_per_training", "idNumber",
        "此人已登记为本次培训的学员 / already registered as a trainee of this training");
    ctx.http().constraint("trainee_certificate_no_key", "certificateNo",
        "该证书编号已登记 / a certificate with this number is already registered");
    county.get("/trainings").handler(this::list);
    county.post("/trainings").handler(this::create);
    county.get("/trainings/:id").handler(this::get);
    county.get("/trainings/:id/trainees").handler(this::trainees);
    county.post("/trainings/:id/trainees").handler(this::addTrainee);
  }

  private void list(RoutingContext rc) {
    Fields q = Fields.ofQuery(rc);
    String workType = q.oneOf("workType", WORK_TYPES, false);
    Long enterprise = q.integer("enterpriseId", 1, Long.MAX_VALUE, false);
    q.validate();
    Page page = Page.of(rc);
    Where where = Where.county("t.county_code", Requests.county(rc).code()).and("t.work_type = $?", workType)
        .and("t.enterprise_id = $?", enterprise);
    where.list(ctx.pool(), page, TRAINING_COLUMNS, TRAINING_FROM, "t.id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    ctx.pool().withConnection(conn -> load(conn, Requests.county(rc).code(), id))
        .onSuccess(view -> Answers.ok(rc, view))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    String county = Requests.county(rc).code();
    Fields f = Fields.of(Requests.jsonBody(rc));
    Long enterprise = f.integer("enterpriseId", 1, Long.MAX_VALUE, false);
    String workType = f.oneOf("workType", WORK_TYPES, true);
    String title = f.text("title", 100, true);
    LocalDate held = f.date("heldOn", true);
    String place = f.text("place", 100, true);
    String trainer = f.text("trainer", 50, false);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> EnterpriseRoutes.checkInCounty(conn, county, enterprise, "enterpriseId")
            .compose(v -> conn.preparedQuery("INSERT INTO safety.training (county_code, enterprise_id, work_type,"
                    + " title, held_on, place, trainer, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
                .execute(Tuple.from(Arrays.asList(county, enterprise, workType, title, held, place, trainer,
                    OffsetDateTime.now(ctx.clock())))))
            .compose(rows -> load(conn, county, rows.iterator().next().getLong(0)))
            .map(view -> new Audited<>(view, AuditEntry.of("create", "training", view.getLong("id")))))
        .onSuccess(view -> Answers.created(rc, view))
        .onFailure(rc::fail);
  }

  private void trainees(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Requests.id(rc, "id");
    Page page = Page.of(rc);
    ctx.pool().withConnection(conn -> load(conn, county, id))
        .compose(training -> Where.county("county_code", county).and("training_id = $?", id)
            .list(ctx.pool(), page, TRAINEE_COLUMNS, "safety.trainee", "id"))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  /** Adds a trainee; one person once per training (409), a certificate only for one who passed. */
  private void addTrainee(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String name = f.text("name", 50, true);
    Sealed sealed = f.idCard("idNumber", ctx.personalData(), true);
    boolean passed = f.bool("passed", false);
    String certificate = f.text("certificateNo", 50, false);
    LocalDate until = f.date("certificateUntil", false);
    f.check(certificate == null || passed, "certificateNo", "未通过考核不能发证 / only a trainee who passed gets a"
        + " certificate");
    f.check(until == null || certificate != null, "certificateUntil", "须有证书编号 / needs a certificateNo");
    f.validate();
    ctx.audit().inTransaction(rc, conn -> load(conn, county, id)
            .compose(training -> conn.preparedQuery("INSERT INTO safety.trainee (training_id, county_code, name,"
                    + " id_cipher, id_index, id_masked, passed, certificate_no, certificate_until, created_at)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING " + TRAINEE_COLUMNS)
                .execute(Tuple.from(Arrays.asList(id, county, name, sealed.cipher(), sealed.blindIndex(),
                    sealed.masked(), passed, certificate, until, OffsetDateTime.now(ctx.clock())))))
            .map(rows -> {
              JsonObject view = Rows.json(rows.iterator().next());
              return new Audited<>(view, AuditEntry.of("create", "trainee", view.getLong("id"))
                  .withDetail(new JsonObject().put("training", id)));
            }))
        .onSuccess(view -> Answers.created(rc, view))
        .onFailure(rc::fail);
  }

  private static Future<JsonObject> load(SqlConnection conn, String county, long id) {
    return conn.preparedQuery("SELECT " + TRAINING_COLUMNS + " FROM " + TRAINING_FROM
            + " WHERE t.id = $1 AND t.county_code = $2")
        .execute(Tuple.of(id, county))
        .map(rows -> Rows.one(rows, "培训", "training"));
  }
}
