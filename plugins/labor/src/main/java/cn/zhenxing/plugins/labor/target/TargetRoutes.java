package cn.zhenxing.plugins.labor.target;

import cn.zhenxing.plugins.labor.employment.EmploymentCounts.Figures;
import cn.zhenxing.plugins.labor.employment.EmploymentCounts;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * Targets against actuals. The city sees and edits every county's targets ({@code /targets}); a county sees its
 * monthly snapshots and target-gap reports.
 */
public final class TargetRoutes {

  private final PluginContext ctx;

  public TargetRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router city, Router county) {
    city.get("/targets").handler(this::targets);
    city.put("/targets/:year/:county").handler(this::edit);
    county.get("/snapshots").handler(this::snapshots);
    county.get("/gap-reports").handler(this::gapReports);
  }

  /** Every county's targets for the year and its actuals on {@code asOf} (default today), with the city's sums. */
  private void targets(RoutingContext rc) {
    Fields q = Fields.ofQuery(rc);
    LocalDate asOfParam = q.date("asOf", false);
    Long yearParam = q.integer("year", 2000, 2100, false);
    q.validate();
    LocalDate asOf = asOfParam == null ? LocalDate.now(ctx.clock().withZone(ctx.zone())) : asOfParam;
    int year = yearParam == null ? asOf.getYear() : yearParam.intValue();
    ctx.pool().preparedQuery("SELECT county_code, employed_target, outside_target FROM labor.county_target"
            + " WHERE year = $1").execute(Tuple.of(year))
        .compose(rows -> EmploymentCounts.byCounty(ctx.pool(), asOf).map(actuals -> {
          Map<String, int[]> targets = new HashMap<>();
          rows.forEach(r -> targets.put(r.getString("county_code"),
              new int[] {r.getInteger("employed_target"), r.getInteger("outside_target")}));
          JsonArray items = new JsonArray();
          long[] sums = new long[4];
          for (County c : ctx.counties().counties()) {
            int[] t = targets.getOrDefault(c.code(), new int[] {0, 0});
            Figures f = actuals.getOrDefault(c.code(), Figures.NONE);
            items.add(new JsonObject().put("county", c.code()).put("countyName", c.nameZh())
                .put("employedTarget", t[0]).put("employed", f.employed())
                .put("outsideTarget", t[1]).put("outside", f.outside()));
            sums[0] += t[0];
            sums[1] += f.employed();
            sums[2] += t[1];
            sums[3] += f.outside();
          }
          return new JsonObject().put("year", year).put("asOf", asOf.toString()).put("items", items)
              .put("city", new JsonObject().put("employedTarget", sums[0]).put("employed", sums[1])
                  .put("outsideTarget", sums[2]).put("outside", sums[3]));
        }))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void edit(RoutingContext rc) {
    String county = rc.pathParam("county");
    if (ctx.counties().byCode(county).filter(c -> !c.city()).isEmpty()) {
      throw Problem.notFound("县区不存在 / No such county: " + county);
    }
    Fields path = Fields.of(new JsonObject().put("year", rc.pathParam("year")));
    Long year = path.integer("year", 2000, 2100, true);
    path.validate();
    Fields f = Fields.of(Requests.jsonBody(rc));
    Long employed = f.integer("employedTarget", 0, 10_000_000, true);
    Long outside = f.integer("outsideTarget", 0, 10_000_000, true);
    f.check(employed == null || outside == null || outside <= employed, "outsideTarget",
        "不能大于务工就业目标 / must not exceed employedTarget");
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn
            .preparedQuery("INSERT INTO labor.county_target (county_code, year, employed_target, outside_target,"
                + " updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (county_code, year) DO UPDATE SET"
                + " employed_target = excluded.employed_target, outside_target = excluded.outside_target,"
                + " updated_at = excluded.updated_at"
                + " RETURNING county_code AS county, year, employed_target, outside_target, updated_at")
            .execute(Tuple.of(county, year.intValue(), employed.intValue(), outside.intValue(),
                ctx.clock().instant().atOffset(ZoneOffset.UTC)))
            .map(rows -> {
              JsonObject json = Rows.one(rows, "目标", "target");
              return new Audited<>(json, AuditEntry.of("update", "target", county + "/" + year)
                  .withDetail(new JsonObject().put("employedTarget", employed).put("outsideTarget", outside)));
            }))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void snapshots(RoutingContext rc) {
    Page page = Page.of(rc);
    Where.county("county_code", Requests.county(rc).code())
        .list(ctx.pool(), page, "county_code AS county, month, as_of, employed, outside, employed_target,"
            + " outside_target, taken_at", "labor.monthly_snapshot", "month DESC")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void gapReports(RoutingContext rc) {
    Page page = Page.of(rc);
    Where.county("county_code", Requests.county(rc).code())
        .list(ctx.pool(), page, "county_code AS county, report_date, employed, employed_expected, outside,"
            + " outside_expected, below_path", "labor.gap_report", "report_date DESC")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }
}
