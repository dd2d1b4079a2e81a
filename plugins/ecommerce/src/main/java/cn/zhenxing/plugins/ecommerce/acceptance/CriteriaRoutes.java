package cn.zhenxing.plugins.ecommerce.acceptance;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;

/** The city edits the e-town acceptance criteria: one threshold per measure, switched on or off. */
public final class CriteriaRoutes {

  private final PluginContext ctx;

  public CriteriaRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router city) {
    city.get("/acceptance-criteria").handler(this::list);
    city.put("/acceptance-criteria/:measure").handler(this::put);
  }

  private void list(RoutingContext rc) {
    all().onSuccess(items -> Answers.ok(rc, new JsonObject().put("items", items))).onFailure(rc::fail);
  }

  private Future<JsonArray> all() {
    return ctx.pool().query("SELECT measure, threshold, active, note, updated_at FROM ecommerce.acceptance_criterion"
            + " ORDER BY measure").execute()
        .map(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(r -> items.add(withLabel(Rows.json(r))));
          return items;
        });
  }

  private void put(RoutingContext rc) {
    String code = rc.pathParam("measure");
    Measure measure = Measure.of(code)
        .orElseThrow(() -> Problem.notFound("验收指标 " + code + " 不存在 / No such measure " + code));
    Fields f = Fields.of(Requests.jsonBody(rc));
    BigDecimal threshold = f.decimal("threshold", BigDecimal.ZERO, new BigDecimal("999999999999"), true);
    boolean active = f.bool("active", true);
    String note = f.text("note", 200, false);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("INSERT INTO ecommerce.acceptance_criterion (measure,"
                + " threshold, active, note, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (measure) DO UPDATE"
                + " SET threshold = excluded.threshold, active = excluded.active, note = excluded.note,"
                + " updated_at = excluded.updated_at"
                + " RETURNING measure, threshold, active, note, updated_at")
            .execute(Tuple.from(Arrays.asList(measure.code(), threshold, active, note,
                OffsetDateTime.now(ctx.clock()))))
            .map(rows -> withLabel(Rows.json(rows.iterator().next())))
            .map(json -> new Audited<>(json, AuditEntry.of("update", "acceptance-criterion", measure.code())
                .withDetail(new JsonObject().put("threshold", threshold).put("active", active)))))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  /** The criterion with its measure's label, which lives in code ({@link Measure}), not in the table. */
  private static JsonObject withLabel(JsonObject criterion) {
    return criterion.put("label", Measure.of(criterion.getString("measure")).orElseThrow().label());
  }
}
