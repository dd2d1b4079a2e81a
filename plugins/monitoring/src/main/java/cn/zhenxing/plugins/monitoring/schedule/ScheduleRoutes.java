package cn.zhenxing.plugins.monitoring.schedule;

import cn.zhenxing.plugins.monitoring.schedule.PlanRequest.CountyPlan;
import cn.zhenxing.plugins.monitoring.support.Http;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * 序时进度: the city sets each quarter's plan for its counties (one request for many counties: the way the city hands
 * out the quarter's tasks); a county reads its own progress against it, the city every county's and the total.
 * Counties do not set their own plans: a target a county could lower itself would measure nothing.
 */
public final class ScheduleRoutes {

  private final PluginContext ctx;
  private final ScheduleProgress progress;

  public ScheduleRoutes(PluginContext ctx) {
    this.ctx = ctx;
    this.progress = new ScheduleProgress(ctx.zone());
  }

  public void mount(Router county, Router city) {
    county.get("/schedule/:year/:quarter").handler(this::countyView);
    city.get("/schedule/:year/:quarter").handler(this::cityView);
    city.put("/schedule/:year/:quarter").handler(this::plan);
  }

  private void countyView(RoutingContext rc) {
    Quarter q = Quarter.fromPath(rc);
    progress.county(ctx.pool(), Http.county(rc), q, today())
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void cityView(RoutingContext rc) {
    Quarter q = Quarter.fromPath(rc);
    progress.city(ctx.pool(), ctx.counties().enabling(ctx.pluginId()), q, today())
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  /**
   * Sets the quarter's plan of the counties listed: each listed county's plan becomes exactly the tasks given (a task
   * left out is no longer planned); counties not listed keep theirs. One statement for all rows, audited.
   */
  private void plan(RoutingContext rc) {
    Quarter q = Quarter.fromPath(rc);
    if (q.year() > today().getYear() + 1) {
      throw Problem.invalid("year", "最多规划到明年 / plans reach next year at the latest");
    }
    PlanRequest request = PlanRequest.parse(Requests.jsonBody(rc), ctx.counties(), ctx.pluginId());
    List<String> counties = new ArrayList<>();
    List<String> tasks = new ArrayList<>();
    List<BigDecimal> planned = new ArrayList<>();
    for (CountyPlan c : request.counties()) {
      c.tasks().forEach((task, quantity) -> {
        counties.add(c.county());
        tasks.add(task.key());
        planned.add(quantity);
      });
    }
    String[] listed = request.counties().stream().map(CountyPlan::county).toArray(String[]::new);
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("DELETE FROM monitoring.schedule_plan"
                + " WHERE county_code = ANY($1::bpchar[]) AND year = $2 AND quarter = $3")
            .execute(Tuple.of(listed, q.year(), (short) q.quarter()))
            .compose(v -> conn.preparedQuery("INSERT INTO monitoring.schedule_plan (county_code, year, quarter, task,"
                    + " planned, updated_at, updated_by) SELECT c, $4, $5, t, p::numeric, $6, $7"
                    + " FROM unnest($1::text[], $2::text[], $3::text[]) AS x(c, t, p)"
                    // two plans racing for the same county: the later one wins instead of a key conflict
                    + " ON CONFLICT (county_code, year, quarter, task) DO UPDATE SET planned = excluded.planned,"
                    + " updated_at = excluded.updated_at, updated_by = excluded.updated_by")
                .execute(Tuple.of(counties.toArray(String[]::new), tasks.toArray(String[]::new),
                    planned.stream().map(BigDecimal::toPlainString).toArray(String[]::new), q.year(),
                    (short) q.quarter(), ctx.clock().instant().atOffset(ZoneOffset.UTC)).addString(Http.actor(rc))))
            .map(v -> {
              JsonObject answer = answer(q, request);
              return new Audited<>(answer, AuditEntry.of("update", "schedule-plan", q.year() + "-Q" + q.quarter())
                  .withDetail(new JsonObject().put("counties", new JsonArray(List.of(listed)))
                      .put("rows", tasks.size())));
            }))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private static JsonObject answer(Quarter q, PlanRequest request) {
    JsonArray items = new JsonArray();
    for (CountyPlan c : request.counties()) {
      JsonObject tasks = new JsonObject();
      for (Map.Entry<ScheduleTask, BigDecimal> e : c.tasks().entrySet()) {
        tasks.put(e.getKey().key(), e.getKey().isRate() ? (Number) e.getValue().doubleValue()
            : (Number) e.getValue().longValue());
      }
      items.add(new JsonObject().put("county", c.county()).put("tasks", tasks));
    }
    return new JsonObject().put("year", q.year()).put("quarter", q.quarter()).put("counties", items);
  }

  private LocalDate today() {
    return LocalDate.now(ctx.clock().withZone(ctx.zone()));
  }
}
