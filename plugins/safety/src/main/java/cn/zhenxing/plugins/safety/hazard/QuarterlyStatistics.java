package cn.zhenxing.plugins.safety.hazard;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.job.JobRun;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Quarterly hazard statistics per enterprise (enterprises report quarterly): the job, run at the start of a quarter,
 * counts each enterprise's hazards of the quarter just ended; {@code GET /counties/:county/hazard-statistics} lists
 * them.
 */
public final class QuarterlyStatistics {

  private final PluginContext ctx;

  public QuarterlyStatistics(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router city, Router county) {
    county.get("/hazard-statistics").handler(this::list);
    city.get("/hazard-statistics").handler(this::byCounty);
  }

  /** The first day of the quarter containing {@code day}. */
  static LocalDate quarterOf(LocalDate day) {
    return LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
  }

  /** Counts the quarter before the run's, for every enterprise of the run's county (recomputed on a rerun). */
  public Future<Void> run(JobRun run) {
    LocalDate start = quarterOf(LocalDate.ofInstant(run.scheduledAt(), ctx.zone())).minusMonths(3);
    return run.connection().preparedQuery("INSERT INTO safety.quarterly_statistic (county_code, enterprise_id,"
            + " quarter_start, found_general, found_major, rectified, overdue, self_reported, computed_at)"
            + " SELECT e.county_code, e.id, $2,"
            + " count(h.id) FILTER (WHERE h.level = 'general'), count(h.id) FILTER (WHERE h.level = 'major'),"
            + " count(h.id) FILTER (WHERE h.status IN ('rectified', 'verified')),"
            + " count(h.id) FILTER (WHERE h.overdue),"
            + " count(h.id) FILTER (WHERE h.found_by = 'self_inspection'), $4"
            + " FROM safety.enterprise e LEFT JOIN safety.hazard h ON h.enterprise_id = e.id"
            + " AND h.found_on >= $2 AND h.found_on < $3"
            + " WHERE e.county_code = $1 GROUP BY e.id"
            + " ON CONFLICT (enterprise_id, quarter_start) DO UPDATE SET found_general = excluded.found_general,"
            + " found_major = excluded.found_major, rectified = excluded.rectified, overdue = excluded.overdue,"
            + " self_reported = excluded.self_reported, computed_at = excluded.computed_at")
        .execute(Tuple.of(run.county().orElseThrow().code(), start, start.plusMonths(3),
            run.scheduledAt().atOffset(ZoneOffset.UTC)))
        .mapEmpty();
  }

  private void list(RoutingContext rc) {
    Fields q = Fields.ofQuery(rc);
    LocalDate quarter = q.date("quarter", false);
    Long enterprise = q.integer("enterpriseId", 1, Long.MAX_VALUE, false);
    q.validate();
    Page page = Page.of(rc);
    Where where = Where.county("s.county_code", Requests.county(rc).code())
        .and("s.quarter_start = $?", quarter == null ? null : quarterOf(quarter))
        .and("s.enterprise_id = $?", enterprise);
    where.list(ctx.pool(), page, "s.enterprise_id, e.name AS enterprise_name, s.quarter_start, s.found_general,"
            + " s.found_major, s.rectified, s.overdue, s.self_reported",
            "safety.quarterly_statistic s JOIN safety.enterprise e ON e.id = s.enterprise_id",
            "s.quarter_start DESC, s.enterprise_id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  /** The city's view: one quarter's figures summed per county (default: the latest quarter computed). */
  private void byCounty(RoutingContext rc) {
    Fields q = Fields.ofQuery(rc);
    LocalDate quarter = q.date("quarter", false);
    q.validate();
    ctx.pool().preparedQuery("SELECT county_code AS county, quarter_start, count(*) AS enterprises,"
            + " count(*) FILTER (WHERE self_reported > 0) AS self_reporting, sum(found_general) AS found_general,"
            + " sum(found_major) AS found_major, sum(rectified) AS rectified, sum(overdue) AS overdue"
            + " FROM safety.quarterly_statistic WHERE quarter_start = coalesce($1,"
            + " (SELECT max(quarter_start) FROM safety.quarterly_statistic))"
            + " GROUP BY county_code, quarter_start ORDER BY county_code")
        .execute(Tuple.of(quarter == null ? null : quarterOf(quarter)))
        .onSuccess(rows -> Answers.ok(rc, new JsonObject().put("counties", Rows.array(rows))))
        .onFailure(rc::fail);
  }
}
