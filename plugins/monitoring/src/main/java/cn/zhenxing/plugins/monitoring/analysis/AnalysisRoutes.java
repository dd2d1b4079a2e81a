package cn.zhenxing.plugins.monitoring.analysis;

import cn.zhenxing.plugins.monitoring.support.Http;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;

/**
 * 分析研判 for a period, per county or city-wide: signals by month, channel and risk kind; conversion of signalled
 * households into identified monitoring objects; warning handling times and overdue warnings; households re-entering
 * monitoring after their risk was eliminated. Read-only aggregates over the registers ({@code $1} the county, or
 * NULL for the whole city).
 */
public final class AnalysisRoutes {

  private static final String SCOPE = "($1::text IS NULL OR %s = $1)";
  private static final String SIGNALS = "SELECT to_char(date_trunc('month', s.occurred_on), 'YYYY-MM') AS month,"
      + " s.channel, s.risk_kind, count(*) AS signals, count(*) FILTER (WHERE s.outcome = 'warned') AS warned"
      + " FROM monitoring.signal s WHERE " + SCOPE.formatted("s.county_code")
      + " AND s.occurred_on BETWEEN $2 AND $3 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";
  private static final String CONVERSION = "WITH first AS (SELECT s.household_id, min(s.occurred_on) AS first_on"
      + "   FROM monitoring.signal s WHERE " + SCOPE.formatted("s.county_code")
      + "   AND s.occurred_on BETWEEN $2 AND $3 AND s.household_id IS NOT NULL GROUP BY 1)"
      + " SELECT count(*) AS households_signalled, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM monitoring.procedure p"
      + "   WHERE p.household_id = f.household_id AND p.kind = 'identification' AND p.state = 'approved'"
      + "   AND p.finished_at::date >= f.first_on)) AS identified FROM first f";
  private static final String HANDLING = "SELECT count(*) AS warnings,"
      + " round(avg(extract(epoch FROM w.visited_at - w.raised_at) / 86400)::numeric, 1) AS avg_days_to_visit,"
      + " round(avg(extract(epoch FROM w.settled_at - w.raised_at) / 86400)::numeric, 1) AS avg_days_to_settle,"
      + " count(*) FILTER (WHERE w.state <> 'settled' AND ((w.state = 'open' AND w.visit_due < $4)"
      + "   OR w.settle_due < $4)) AS overdue_open,"
      + " count(*) FILTER (WHERE w.state = 'settled' AND w.settled_at::date > w.settle_due) AS settled_late"
      + " FROM monitoring.warning w WHERE " + SCOPE.formatted("w.county_code") + " AND w.raised_on BETWEEN $2 AND $3";
  private static final String REENTRIES = "SELECT count(DISTINCT p.household_id) AS reentries"
      + " FROM monitoring.procedure p WHERE " + SCOPE.formatted("p.county_code") + " AND p.kind = 'identification'"
      + " AND p.started_at::date BETWEEN $2 AND $3 AND EXISTS (SELECT 1 FROM monitoring.procedure e"
      + "   WHERE e.household_id = p.household_id AND e.kind = 'elimination' AND e.state = 'approved'"
      + "   AND e.finished_at < p.started_at)";
  private static final String BY_COUNTY = "SELECT c.county_code AS county,"
      + " (SELECT count(*) FROM monitoring.signal s WHERE s.county_code = c.county_code"
      + "   AND s.occurred_on BETWEEN $2 AND $3) AS signals,"
      + " (SELECT count(*) FROM monitoring.warning w WHERE w.county_code = c.county_code"
      + "   AND w.raised_on BETWEEN $2 AND $3) AS warnings,"
      + " (SELECT count(*) FROM monitoring.household h WHERE h.county_code = c.county_code"
      + "   AND h.risk_state = 'monitored') AS monitoring_objects"
      + " FROM (SELECT DISTINCT county_code FROM monitoring.household WHERE $1::text IS NULL) c ORDER BY 1";

  private final PluginContext ctx;

  public AnalysisRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county, Router city) {
    county.get("/analysis").handler(rc -> answer(rc, Http.county(rc)));
    city.get("/analysis").handler(rc -> answer(rc, null));
  }

  private void answer(RoutingContext rc, String county) {
    LocalDate today = LocalDate.now(ctx.clock());
    Fields q = Fields.ofQuery(rc);
    LocalDate from = q.date("from", false);
    LocalDate to = q.date("to", false);
    LocalDate start = from == null ? today.withDayOfYear(1) : from;
    LocalDate end = to == null ? today : to;
    q.check(!end.isBefore(start), "to", "不能早于开始日期 / must not be before from");
    q.validate();
    Tuple period = Tuple.of(county, start, end);
    Future<JsonObject> signals = ctx.pool().preparedQuery(SIGNALS).execute(period)
        .map(rows -> new JsonObject().put("signalsByMonth", Rows.array(rows)));
    Future<JsonObject> conversion = ctx.pool().preparedQuery(CONVERSION).execute(period).map(rows -> {
      JsonObject c = Rows.json(rows.iterator().next());
      long signalled = c.getLong("householdsSignalled");
      return c.put("rate", signalled == 0 ? null : Math.round(1000.0 * c.getLong("identified") / signalled) / 1000.0);
    });
    Future<JsonObject> handling = ctx.pool().preparedQuery(HANDLING)
        .execute(Tuple.of(county, start, end, today)).map(rows -> Rows.json(rows.iterator().next()));
    Future<JsonObject> reentries = ctx.pool().preparedQuery(REENTRIES).execute(period)
        .map(rows -> Rows.json(rows.iterator().next()));
    Future<JsonObject> byCounty = county != null ? Future.succeededFuture(null)
        : ctx.pool().preparedQuery(BY_COUNTY).execute(period).map(rows -> new JsonObject()
            .put("byCounty", Rows.array(rows)));
    Future.all(signals, conversion, handling, reentries, byCounty)
        .map(v -> {
          JsonObject out = new JsonObject().put("county", county).put("from", start.toString())
              .put("to", end.toString()).mergeIn(signals.result()).put("conversion", conversion.result())
              .put("handling", handling.result()).mergeIn(reentries.result());
          return byCounty.result() == null ? out : out.mergeIn(byCounty.result());
        })
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }
}
