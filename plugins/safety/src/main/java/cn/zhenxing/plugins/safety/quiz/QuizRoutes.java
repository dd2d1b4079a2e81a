package cn.zhenxing.plugins.safety.quiz;

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
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Quizzes (网络竞赛答题): the city opens one for a period with questions from the bank ({@code /quizzes}); counties see
 * it without the answers ({@code /counties/:county/quizzes/:id}) and record submissions, scored at once
 * ({@code .../submissions}, see {@link Submissions}); results by county (city) and by enterprise (county).
 */
public final class QuizRoutes {


  private final PluginContext ctx;

  public QuizRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  /** A quiz as answers show it (and {@link #load} reads it). */
  private static final String COLUMNS = "id, title, campaign_id, opens_at, closes_at";

  public void mount(Router city, Router county) {
    city.get("/quizzes").handler(this::list);
    city.post("/quizzes").handler(this::create);
    city.get("/quizzes/:id/results").handler(this::resultsByCounty);
    county.get("/quizzes/:id").handler(this::paper);
    county.get("/quizzes/:id/results").handler(this::resultsByEnterprise);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Where.all().list(ctx.pool(), page, COLUMNS + ", (SELECT count(*) FROM safety.quiz_question x"
            + " WHERE x.quiz_id = safety.quiz.id) AS questions", "safety.quiz", "id DESC")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    Fields f = Fields.of(Requests.jsonBody(rc));
    String title = f.text("title", 100, true);
    Long campaign = f.integer("campaignId", 1, Long.MAX_VALUE, false);
    OffsetDateTime opens = instant(f, "opensAt");
    OffsetDateTime closes = instant(f, "closesAt");
    f.check(opens == null || closes == null || closes.isAfter(opens), "closesAt",
        "须晚于开始时间 / must be after opensAt");
    JsonArray ids = f.array("questionIds", 200, true);
    Set<Long> questions = new LinkedHashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      Object id = ids.getValue(i);
      f.check(id instanceof Number n && n.longValue() > 0 && questions.add(n.longValue()), "questionIds[" + i + "]",
          "应为不重复的题目编号 / must be a question id, each once");
    }
    f.check(!ids.isEmpty() || !f.has("questionIds"), "questionIds", "至少 1 题 / at least one question");
    f.validate();
    Long[] questionIds = questions.toArray(Long[]::new);
    ctx.audit().inTransaction(rc, conn -> conn
            .preparedQuery("SELECT count(*) FROM safety.question WHERE id = ANY($1)").execute(Tuple.of(questionIds))
            .compose(found -> found.iterator().next().getLong(0) != questionIds.length
                ? Future.failedFuture(Problem.invalid("questionIds", "含有不存在的题目 / names a question that does not"
                    + " exist"))
                : conn.preparedQuery("INSERT INTO safety.quiz (title, campaign_id, opens_at, closes_at, created_at)"
                    + " VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS)
                    .execute(Tuple.of(title, campaign, opens, closes, OffsetDateTime.now(ctx.clock()))))
            .compose(rows -> {
              Row quiz = rows.iterator().next();
              return conn.preparedQuery("INSERT INTO safety.quiz_question (quiz_id, question_id, ordinal)"
                      + " SELECT $1, q, o FROM unnest($2::bigint[]) WITH ORDINALITY AS t (q, o)")
                  .execute(Tuple.tuple().addLong(quiz.getLong("id")).addArrayOfLong(questionIds))
                  .map(v -> new Audited<>(Rows.json(quiz).put("questions", questionIds.length),
                      AuditEntry.of("create", "quiz", quiz.getLong("id"))));
            }))
        .onSuccess(view -> Answers.created(rc, view))
        .onFailure(rc::fail);
  }

  /** The quiz as a participant sees it: questions and options, never the answers. */
  private void paper(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    ctx.pool().withConnection(conn -> load(conn, id).compose(quiz -> conn
            .preparedQuery("SELECT q.id, q.text, q.options, q.points FROM safety.quiz_question x"
                + " JOIN safety.question q ON q.id = x.question_id WHERE x.quiz_id = $1 ORDER BY x.ordinal")
            .execute(Tuple.of(id))
            .map(rows -> {
              JsonArray questions = new JsonArray();
              rows.forEach(r -> questions.add(new JsonObject().put("id", r.getLong("id"))
                  .put("text", r.getString("text")).put("options", new JsonArray(r.getValue("options").toString()))
                  .put("points", r.getInteger("points"))));
              OffsetDateTime now = OffsetDateTime.now(ctx.clock());
              boolean open = !now.isBefore(quiz.getOffsetDateTime("opens_at"))
                  && now.isBefore(quiz.getOffsetDateTime("closes_at"));
              return Rows.json(quiz).put("open", open).put("questions", questions);
            })))
        .onSuccess(view -> Answers.ok(rc, view))
        .onFailure(rc::fail);
  }

  private void resultsByCounty(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    results(rc, id, "county_code", "SELECT county_code AS key, count(*) AS participants, avg(score) AS average,"
        + " max(score) AS best FROM safety.submission WHERE quiz_id = $1 GROUP BY county_code ORDER BY county_code",
        Tuple.of(id));
  }

  private void resultsByEnterprise(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    results(rc, id, "enterpriseId", "SELECT s.enterprise_id AS key, e.name, count(*) AS participants,"
        + " avg(s.score) AS average, max(s.score) AS best FROM safety.submission s"
        + " LEFT JOIN safety.enterprise e ON e.id = s.enterprise_id WHERE s.quiz_id = $1 AND s.county_code = $2"
        + " GROUP BY s.enterprise_id, e.name ORDER BY s.enterprise_id NULLS LAST",
        Tuple.of(id, Requests.county(rc).code()));
  }

  private void results(RoutingContext rc, long id, String key, String sql, Tuple params) {
    ctx.pool().withConnection(conn -> load(conn, id).compose(quiz -> conn.preparedQuery(sql).execute(params)
            .map(rows -> {
              JsonArray groups = new JsonArray();
              long participants = 0;
              for (Row r : rows) {
                participants += r.getLong("participants");
                JsonObject group = new JsonObject().put(key.equals("county_code") ? "county" : key, r.getValue("key"))
                    .put("participants", r.getLong("participants"))
                    .put("averageScore", r.getNumeric("average").doubleValue()).put("bestScore", r.getInteger("best"));
                if (!key.equals("county_code")) {
                  group.put("enterpriseName", r.getString("name"));
                }
                groups.add(group);
              }
              return Rows.json(quiz).put("participants", participants).put("groups", groups);
            })))
        .onSuccess(view -> Answers.ok(rc, view))
        .onFailure(rc::fail);
  }

  static Future<Row> load(SqlConnection conn, long id) {
    return conn.preparedQuery("SELECT " + COLUMNS + " FROM safety.quiz WHERE id = $1").execute(Tuple.of(id))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Problem.notFound("竞赛不存在 / No such quiz"))
            : Future.succeededFuture(rows.iterator().next()));
  }

  /** An instant written ISO 8601 with its offset ({@code 2023-06-01T08:00:00+08:00}). */
  private static OffsetDateTime instant(Fields f, String field) {
    String text = f.text(field, 40, true);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      f.check(false, field, "应为带时区的时间，如 2023-06-01T08:00:00+08:00 / must be a date-time with its offset");
      return null;
    }
  }
}
