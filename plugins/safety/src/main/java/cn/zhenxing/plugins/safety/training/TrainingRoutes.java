package cn.zhenxing.plugins.safety.training;

import cn.zhenxing.plugins.safety.enterprise.EnterpriseRoutes;
import cn.zhenxing.plugins.safety.web.Conflicts;
import cn.zhenxing.plugins.safety.web.Listing;
import cn.zhenxing.plugins.safety.web.PathIds;
import cn.zhenxing.plugins.safety.web.Queries;
import cn.zhenxing.plugins.safety.web.Replies;
import cn.zhenxing.plugins.safety.web.Today;
import cn.zhenxing.plugins.safety.web.Where;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.personal.Sealed;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
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
  private static final String TRAINING = "培训 / Training";
  private static final String TRAINING_COLUMNS = "t.*, e.name AS enterprise_name,"
      + " (SELECT count(*) FROM safety.trainee p WHERE p.training_id = t.id) AS trainees";
  private static final String TRAINING_FROM =
      "safety.training t LEFT JOIN safety.enterprise e ON e.id = t.enterprise_id";

  private final PluginContext ctx;
  private final Today today;

  public TrainingRoutes(PluginContext ctx, Today today) {
    this.ctx = ctx;
    this.today = today;
  }

  public void mount(Router county) {
    county.get("/trainings").handler(this::list);
    county.post("/trainings").handler(this::create);
    county.get("/trainings/:id").handler(this::get);
    county.get("/trainings/:id/trainees").handler(this::trainees);
    county.post("/trainings/:id/trainees").handler(this::addTrainee);
  }

  private void list(RoutingContext rc) {
    Queries q = Queries.of(rc.queryParams());
    String workType = q.oneOf("workType", WORK_TYPES);
    Long enterprise = q.id("enterpriseId");
    q.validate();
    Where where = Where.county("t.county_code", Requests.county(rc).code()).and("t.work_type = $?", workType)
        .and("t.enterprise_id = $?", enterprise);
    Listing.page(ctx.pool(), Page.of(rc), TRAINING_COLUMNS, TRAINING_FROM, where, "t.id", TrainingRoutes::training)
        .onSuccess(page -> Replies.ok(rc, page))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    long id = PathIds.of(rc, "id", TRAINING);
    ctx.pool().withConnection(conn -> load(conn, Requests.county(rc).code(), id))
        .onSuccess(view -> Replies.ok(rc, view))
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
                    today.now()))))
            .compose(rows -> load(conn, county, rows.iterator().next().getLong(0)))
            .map(view -> new Audited<>(view, AuditEntry.of("create", "training", view.getLong("id")))))
        .onSuccess(view -> Replies.created(rc, view))
        .onFailure(rc::fail);
  }

  private void trainees(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = PathIds.of(rc, "id", TRAINING);
    Page page = Page.of(rc);
    ctx.pool().withConnection(conn -> load(conn, county, id))
        .compose(training -> Listing.page(ctx.pool(), page, "*", "safety.trainee",
            Where.county("county_code", county).and("training_id = $?", id), "id", TrainingRoutes::trainee))
        .onSuccess(answer -> Replies.ok(rc, answer))
        .onFailure(rc::fail);
  }

  /** Adds a trainee; one person once per training (409), a certificate only for one who passed. */
  private void addTrainee(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = PathIds.of(rc, "id", TRAINING);
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
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *")
                .execute(Tuple.from(Arrays.asList(id, county, name, sealed.cipher(), sealed.blindIndex(),
                    sealed.masked(), passed, certificate, until, today.now())))
                .recover(e -> Conflicts.onDuplicate(e, Conflicts.constraint(e).contains("certificate")
                    ? "certificateNo" : "idNumber", "已登记 / already registered")))
            .map(rows -> {
              JsonObject view = trainee(rows.iterator().next());
              return new Audited<>(view, AuditEntry.of("create", "trainee", view.getLong("id"))
                  .withDetail(new JsonObject().put("training", id)));
            }))
        .onSuccess(view -> Replies.created(rc, view))
        .onFailure(rc::fail);
  }

  private static Future<JsonObject> load(SqlConnection conn, String county, long id) {
    return conn.preparedQuery("SELECT " + TRAINING_COLUMNS + " FROM " + TRAINING_FROM
            + " WHERE t.id = $1 AND t.county_code = $2")
        .execute(Tuple.of(id, county))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(PathIds.notFound(TRAINING))
            : Future.succeededFuture(training(rows.iterator().next())));
  }

  private static JsonObject training(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("county", r.getString("county_code"))
        .put("enterpriseId", r.getLong("enterprise_id")).put("enterpriseName", r.getString("enterprise_name"))
        .put("workType", r.getString("work_type")).put("title", r.getString("title"))
        .put("heldOn", r.getLocalDate("held_on").toString()).put("place", r.getString("place"))
        .put("trainer", r.getString("trainer")).put("trainees", r.getLong("trainees"))
        .put("demo", r.getBoolean("demo"));
  }

  private static JsonObject trainee(Row r) {
    LocalDate until = r.getLocalDate("certificate_until");
    return new JsonObject().put("id", r.getLong("id")).put("trainingId", r.getLong("training_id"))
        .put("name", r.getString("name")).put("idNumber", r.getString("id_masked"))
        .put("passed", r.getBoolean("passed")).put("certificateNo", r.getString("certificate_no"))
        .put("certificateUntil", until == null ? null : until.toString());
  }
}
