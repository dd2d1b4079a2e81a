package cn.zhenxing.plugins.safety.quiz;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;

/** The city's question bank of the knowledge quiz: single-choice questions with their answer and points. */
public final class QuestionBank {

  private final PluginContext ctx;

  public QuestionBank(PluginContext ctx) {
    this.ctx = ctx;
  }

  private static final String COLUMNS = "id, text, options, answer, points, topic";

  public void mount(Router city) {
    city.get("/quiz-questions").handler(this::list);
    city.post("/quiz-questions").handler(this::create);
  }

  private void list(RoutingContext rc) {
    Fields q = Fields.ofQuery(rc);
    String topic = q.text("topic", 50, false);
    q.validate();
    Page page = Page.of(rc);
    Where where = Where.all().and("topic = $?", topic);
    where.list(ctx.pool(), page, COLUMNS, "safety.question", "id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    Fields f = Fields.of(Requests.jsonBody(rc));
    String text = f.text("text", 500, true);
    JsonArray options = f.array("options", 6, true);
    f.check(options.size() >= 2 || !f.has("options"), "options", "至少 2 个选项 / at least 2 options");
    for (int i = 0; i < options.size(); i++) {
      Object option = options.getValue(i);
      f.check(option instanceof String s && !s.isBlank() && s.length() <= 200, "options[" + i + "]",
          "应为 1–200 个字符的文本 / must be text of 1-200 characters");
    }
    Long answer = f.integer("answer", 0, 5, true);
    f.check(answer == null || answer < options.size(), "answer",
        "应为某个选项的序号（从 0 起） / must be the index of one of the options (from 0)");
    Long points = f.integer("points", 1, 100, false);
    String topic = f.text("topic", 50, false);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn
            .preparedQuery("INSERT INTO safety.question (text, options, answer, points, topic, created_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
            .execute(Tuple.of(text, options, answer, points == null ? 1 : points, topic,
                OffsetDateTime.now(ctx.clock())))
            .map(rows -> {
              JsonObject view = Rows.json(rows.iterator().next());
              return new Audited<>(view, AuditEntry.of("create", "quiz-question", view.getLong("id")));
            }))
        .onSuccess(view -> Answers.created(rc, view))
        .onFailure(rc::fail);
  }
}
