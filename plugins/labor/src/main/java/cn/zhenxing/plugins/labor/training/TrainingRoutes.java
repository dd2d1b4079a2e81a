package cn.zhenxing.plugins.labor.training;

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
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * 实用性技能培训: courses (by labour brand), their sessions, the labourers trained, completion and certificates, and
 * the figure that matters — how many who completed were employed within 3 and 6 months after the session ended.
 */
public final class TrainingRoutes {

  private static final String COURSE = "c.id, c.county_code AS county, c.name, c.brand_id, b.name AS brand_name,"
      + " c.hours, c.demo";
  private static final String COURSE_FROM = "labor.course c LEFT JOIN labor.brand b ON b.id = c.brand_id";
  private static final String SESSION = "s.id, s.county_code AS county, s.course_id, c.name AS course_name, s.starts_on,"
      + " s.ends_on, s.place, s.capacity, (SELECT count(*) FROM labor.trainee t WHERE t.session_id = s.id)"
      + " AS trainees";
  private static final String SESSION_FROM = "labor.training_session s"
      + " JOIN labor.course c ON c.id = s.course_id";
  private static final String TRAINEE = "t.id, t.county_code AS county, t.session_id, t.labourer_id,"
      + " l.name AS labourer_name, t.completed_on, t.certificate_no";

  private final PluginContext ctx;

  public TrainingRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    ctx.http().constraint("course_county_code_name_key", "name",
        "本县已有同名课程 / The county already has a course of this name");
    ctx.http().constraint("trainee_session_id_labourer_id_key", "labourerId",
        "该劳动力已在本班 / The labourer is already in this session");
    ctx.http().constraint("trainee_certificate", "certificateNo",
        "本县已有此证书编号 / The county already has a certificate with this number");
    county.get("/courses").handler(this::courses);
    county.post("/courses").handler(this::addCourse);
    county.get("/training-sessions").handler(this::sessions);
    county.post("/training-sessions").handler(this::addSession);
    county.get("/training-sessions/:sessionId/trainees").handler(this::trainees);
    county.post("/training-sessions/:sessionId/trainees").handler(this::enrol);
    county.put("/trainees/:traineeId/completion").handler(this::complete);
    county.get("/training-outcomes").handler(this::outcomes);
  }

  /** An optional id filter from the query string; 422 naming it when it is not a positive whole number. */
  private static Long idFilter(RoutingContext rc, String name) {
    Fields q = Fields.ofQuery(rc);
    Long id = q.integer(name, 1, Long.MAX_VALUE, false);
    q.validate();
    return id;
  }

  private OffsetDateTime now() {
    return ctx.clock().instant().atOffset(ZoneOffset.UTC);
  }

  private void courses(RoutingContext rc) {
    Page page = Page.of(rc);
    Long brandId = idFilter(rc, "brandId");
    Where where = Where.county("c.county_code", Requests.county(rc).code()).and("c.brand_id = $?", brandId);
    where.list(ctx.pool(), page, COURSE, COURSE_FROM, "c.id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void addCourse(RoutingContext rc) {
    Fields f = Fields.of(Requests.jsonBody(rc));
    String name = f.text("name", 100, true);
    Long brandId = f.integer("brandId", 1, Long.MAX_VALUE, false);
    Long hours = f.integer("hours", 1, 2000, true);
    f.validate();
    String county = Requests.county(rc).code();
    ctx.audit().inTransaction(rc, conn -> References.exist(conn, "labor.brand", brandId, county, "brandId",
                "本县没有这个劳务品牌 / no such brand in this county")
            .compose(v -> conn.preparedQuery("INSERT INTO labor.course (county_code, name, brand_id, hours, created_at)"
                    + " VALUES ($1, $2, $3, $4, $5) RETURNING id")
                .execute(Tuple.of(county, name, brandId, hours.intValue(), now())))
            .compose(rows -> conn.preparedQuery("SELECT " + COURSE + " FROM " + COURSE_FROM
                + " WHERE c.id = $1").execute(Tuple.of(rows.iterator().next().getLong("id"))))
            .map(rows -> {
              JsonObject json = Rows.one(rows, "课程", "course");
              return new Audited<>(json, AuditEntry.of("create", "course", json.getLong("id")));
            }))
        .onSuccess(json -> Answers.created(rc, json))
        .onFailure(rc::fail);
  }

  private void sessions(RoutingContext rc) {
    Page page = Page.of(rc);
    Long courseId = idFilter(rc, "courseId");
    Where where = Where.county("s.county_code", Requests.county(rc).code()).and("s.course_id = $?", courseId);
    where.list(ctx.pool(), page, SESSION, SESSION_FROM, "s.starts_on DESC, s.id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void addSession(RoutingContext rc) {
    Fields f = Fields.of(Requests.jsonBody(rc));
    Long courseId = f.integer("courseId", 1, Long.MAX_VALUE, true);
    LocalDate starts = f.date("startsOn", true);
    LocalDate ends = f.date("endsOn", true);
    String place = f.text("place", 100, true);
    Long capacity = f.integer("capacity", 1, 1000, true);
    f.check(starts == null || ends == null || !ends.isBefore(starts), "endsOn",
        "不能早于开班日期 / must not be before startsOn");
    f.validate();
    String county = Requests.county(rc).code();
    ctx.audit().inTransaction(rc, conn -> References.exist(conn, "labor.course", courseId, county, "courseId",
                "本县没有这个课程 / no such course in this county")
            .compose(v -> conn.preparedQuery("INSERT INTO labor.training_session (county_code, course_id, starts_on,"
                    + " ends_on, place, capacity, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
                .execute(Tuple.from(new Object[] {county, courseId, starts, ends, place, capacity.intValue(), now()})))
            .compose(rows -> conn.preparedQuery("SELECT " + SESSION + " FROM " + SESSION_FROM
                    + " WHERE s.id = $1")
                .execute(Tuple.of(rows.iterator().next().getLong("id"))))
            .map(rows -> {
              JsonObject json = Rows.one(rows, "培训班", "session");
              return new Audited<>(json, AuditEntry.of("create", "training-session", json.getLong("id")));
            }))
        .onSuccess(json -> Answers.created(rc, json))
        .onFailure(rc::fail);
  }

  private void trainees(RoutingContext rc) {
    Page page = Page.of(rc);
    String county = Requests.county(rc).code();
    long sessionId = Requests.id(rc, "sessionId");
    ctx.pool().preparedQuery("SELECT 1 FROM labor.training_session WHERE id = $1 AND county_code = $2")
        .execute(Tuple.of(sessionId, county))
        .compose(found -> {
          Rows.one(found, "培训班", "session");
          return Where.county("t.county_code", county).and("t.session_id = $?", sessionId)
              .list(ctx.pool(), page, TRAINEE, "labor.trainee t JOIN labor.labourer l ON l.id = t.labourer_id",
                  "t.id");
        })
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  /** Enrols a labourer of the county, while the session has room. */
  private void enrol(RoutingContext rc) {
    long sessionId = Requests.id(rc, "sessionId");
    Fields f = Fields.of(Requests.jsonBody(rc));
    Long labourerId = f.integer("labourerId", 1, Long.MAX_VALUE, true);
    f.validate();
    String county = Requests.county(rc).code();
    ctx.audit().inTransaction(rc, conn -> conn
            // Locks the session so that two enrolments cannot both take its last place.
            .preparedQuery("SELECT capacity, (SELECT count(*) FROM labor.trainee t WHERE t.session_id = s.id) AS taken"
                + " FROM labor.training_session s WHERE s.id = $1 AND s.county_code = $2 FOR UPDATE")
            .execute(Tuple.of(sessionId, county))
            .compose(rows -> {
              Rows.one(rows, "培训班", "session");
              Row row = rows.iterator().next();
              if (row.getLong("taken") >= row.getInteger("capacity")) {
                throw Problem.conflict("培训班已满 / The session is full");
              }
              return References.exist(conn, "labor.labourer", labourerId, county, "labourerId",
                  "本县没有这个劳动力 / no such labourer in this county");
            })
            .compose(v -> conn.preparedQuery("INSERT INTO labor.trainee (county_code, session_id, labourer_id,"
                    + " created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                .execute(Tuple.of(county, sessionId, labourerId, now())))
            .compose(rows -> readTrainee(conn, rows.iterator().next().getLong("id"), county))
            .map(json -> new Audited<>(json, AuditEntry.of("create", "trainee", json.getLong("id")))))
        .onSuccess(json -> Answers.created(rc, json))
        .onFailure(rc::fail);
  }

  private void complete(RoutingContext rc) {
    long traineeId = Requests.id(rc, "traineeId");
    Fields f = Fields.of(Requests.jsonBody(rc));
    LocalDate completedOn = f.date("completedOn", true);
    String certificate = f.text("certificateNo", 50, false);
    f.validate();
    String county = Requests.county(rc).code();
    ctx.audit().inTransaction(rc, conn -> conn
            .preparedQuery("SELECT s.starts_on FROM labor.trainee t"
                + " JOIN labor.training_session s ON s.id = t.session_id WHERE t.id = $1 AND t.county_code = $2")
            .execute(Tuple.of(traineeId, county))
            .compose(rows -> {
              Rows.one(rows, "学员", "trainee");
              LocalDate starts = rows.iterator().next().getLocalDate("starts_on");
              if (completedOn.isBefore(starts)) {
                throw Problem.invalid("completedOn", "不能早于开班日期 " + starts + " / must not be before the session "
                    + "starts, " + starts);
              }
              return conn.preparedQuery("UPDATE labor.trainee SET completed_on = $3, certificate_no = $4"
                  + " WHERE id = $1 AND county_code = $2")
                  .execute(Tuple.of(traineeId, county, completedOn, certificate));
            })
            .compose(v -> readTrainee(conn, traineeId, county))
            .map(json -> new Audited<>(json, AuditEntry.of("complete", "trainee", traineeId))))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private static Future<JsonObject> readTrainee(SqlConnection conn, long id, String county) {
    return conn.preparedQuery("SELECT " + TRAINEE + " FROM labor.trainee t JOIN labor.labourer l"
            + " ON l.id = t.labourer_id WHERE t.id = $1 AND t.county_code = $2")
        .execute(Tuple.of(id, county))
        .map(rows -> Rows.one(rows, "学员", "trainee"));
  }

  /**
   * Per course: trainees, completions, certificates, and completers employed at some time within 3 and within 6
   * months after their session ended (people, not jobs).
   */
  private void outcomes(RoutingContext rc) {
    Long brandId = idFilter(rc, "brandId");
    Where where = Where.county("c.county_code", Requests.county(rc).code()).and("c.brand_id = $?", brandId);
    ctx.pool().preparedQuery("""
            SELECT c.id AS course_id, c.name AS course_name, c.brand_id, b.name AS brand_name,
                   count(t.id) AS trainees,
                   count(t.completed_on) AS completed,
                   count(t.certificate_no) AS certificates,
                   count(*) FILTER (WHERE t.completed_on IS NOT NULL AND EXISTS (
                     SELECT 1 FROM labor.employment e WHERE e.labourer_id = t.labourer_id
                       AND e.start_date <= s.ends_on + interval '3 months'
                       AND (e.end_date IS NULL OR e.end_date >= s.ends_on))) AS employed_within3_months,
                   count(*) FILTER (WHERE t.completed_on IS NOT NULL AND EXISTS (
                     SELECT 1 FROM labor.employment e WHERE e.labourer_id = t.labourer_id
                       AND e.start_date <= s.ends_on + interval '6 months'
                       AND (e.end_date IS NULL OR e.end_date >= s.ends_on))) AS employed_within6_months
            FROM labor.course c
            LEFT JOIN labor.brand b ON b.id = c.brand_id
            LEFT JOIN labor.training_session s ON s.course_id = c.id
            LEFT JOIN labor.trainee t ON t.session_id = s.id
            """ + where.sql() + " GROUP BY c.id, b.name ORDER BY c.id")
        .execute(where.params())
        .onSuccess(rows -> Answers.ok(rc, new JsonObject().put("items", Rows.array(rows))))
        .onFailure(rc::fail);
  }
}
