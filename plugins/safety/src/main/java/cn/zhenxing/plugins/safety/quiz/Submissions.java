package cn.zhenxing.plugins.safety.quiz;

import cn.zhenxing.plugins.safety.enterprise.EnterpriseRoutes;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.personal.Sealed;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A participant's answers to a quiz, scored at once against the bank. One submission per person and quiz: a person is
 * known by their phone number, sealed, whose blind index is unique per quiz (a second submission is a 409 without
 * the number ever being stored or compared in clear). Only while the quiz is open (409 before and after).
 */
public final class Submissions {

  private final PluginContext ctx;

  public Submissions(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    ctx.http().constraint("submission_once_per_person", "phone",
        "此人已参加本次竞赛 / this person has already taken part in this quiz");
    county.post("/quizzes/:id/submissions").handler(this::submit);
  }

  private void submit(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long quiz = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String name = f.text("name", 50, true);
    Sealed sealed = f.phone("phone", ctx.personalData(), true);
    Long enterprise = f.integer("enterpriseId", 1, Long.MAX_VALUE, false);
    JsonArray array = f.array("answers", 200, true);
    Map<Long, Integer> answers = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      Fields a = f.nested(array.getValue(i) instanceof JsonObject o ? o : new JsonObject(), "answers[" + i + "]");
      Long question = a.integer("questionId", 1, Long.MAX_VALUE, true);
      Long choice = a.integer("choice", 0, 5, true);
      if (question != null && choice != null) {
        f.check(answers.put(question, choice.intValue()) == null, "answers[" + i + "].questionId",
            "同一题只能作答一次 / answered twice");
      }
    }
    f.validate();
    OffsetDateTime now = OffsetDateTime.now(ctx.clock());
    ctx.audit().inTransaction(rc, conn -> QuizRoutes.load(conn, quiz)
            .compose(q -> checkOpen(q, now))
            .compose(v -> EnterpriseRoutes.checkInCounty(conn, county, enterprise, "enterpriseId"))
            .compose(v -> score(conn, quiz, answers))
            .compose(score -> conn.preparedQuery("INSERT INTO safety.submission (quiz_id, county_code, enterprise_id,"
                    + " name, phone_cipher, phone_index, phone_masked, answers, score, max_score, submitted_at)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id")
                .execute(Tuple.from(Arrays.asList(quiz, county, enterprise, name, sealed.cipher(), sealed.blindIndex(),
                    sealed.masked(), array, score[0], score[1], now)))
                .map(rows -> {
                  long id = rows.iterator().next().getLong(0);
                  JsonObject view = new JsonObject().put("id", id).put("quizId", quiz).put("county", county)
                      .put("name", name).put("phone", sealed.masked()).put("enterpriseId", enterprise)
                      .put("score", score[0]).put("maxScore", score[1]);
                  return new Audited<>(view, AuditEntry.of("create", "quiz-submission", id)
                      .withDetail(new JsonObject().put("quiz", quiz).put("score", score[0])));
                })))
        .onSuccess(view -> Answers.created(rc, view))
        .onFailure(rc::fail);
  }

  private static Future<Void> checkOpen(Row quiz, OffsetDateTime now) {
    if (now.isBefore(quiz.getOffsetDateTime("opens_at"))) {
      return Future.failedFuture(Problem.conflict("竞赛尚未开始 / the quiz has not opened yet"));
    }
    if (!now.isBefore(quiz.getOffsetDateTime("closes_at"))) {
      return Future.failedFuture(Problem.conflict("竞赛已结束 / the quiz has closed"));
    }
    return Future.succeededFuture();
  }

  /** {score, maximum}: each question's points when the choice is its answer; an answer to another quiz's is a 422. */
  private static Future<int[]> score(SqlConnection conn, long quiz, Map<Long, Integer> answers) {
    return conn.preparedQuery("SELECT q.id, q.answer, q.points FROM safety.quiz_question x"
            + " JOIN safety.question q ON q.id = x.question_id WHERE x.quiz_id = $1")
        .execute(Tuple.of(quiz))
        .compose(rows -> {
          int score = 0;
          int max = 0;
          Map<Long, Integer> unknown = new HashMap<>(answers);
          for (Row q : rows) {
            max += q.getInteger("points");
            Integer choice = unknown.remove(q.getLong("id"));
            if (choice != null && choice.equals(q.getInteger("answer"))) {
              score += q.getInteger("points");
            }
          }
          if (!unknown.isEmpty()) {
            return Future.failedFuture(Problem.invalid("answers", "含有本次竞赛以外的题目 " + unknown.keySet()
                + " / answers questions that are not in this quiz"));
          }
          return Future.succeededFuture(new int[] {score, max});
        });
  }
}
