package cn.zhenxing.plugins.monitoring.schedule;

import cn.zhenxing.sdk.county.County;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 序时进度 of a quarter as of a day, for one county or many: the plans (one statement) beside what the registers
 * show done (one statement), whatever the number of counties. Used by the routes, the metrics and the stored
 * quarterly report.
 */
public final class ScheduleProgress {

  private final ZoneId zone;

  public ScheduleProgress(ZoneId zone) {
    this.zone = zone;
  }

  /** The plans and done figures of the counties for the quarter as of {@code asOf}. */
  public Future<Snapshot> read(SqlClient client, List<String> counties, Quarter q, LocalDate asOf) {
    return plans(client, counties, q).compose(plans -> DoneFigures.count(client, counties, q, asOf, zone)
        .map(done -> new Snapshot(q, q.daysElapsed(asOf), plans, done)));
  }

  /** One county's view. */
  public Future<JsonObject> county(SqlClient client, String county, Quarter q, LocalDate asOf) {
    return read(client, List.of(county), q, asOf)
        .map(s -> header(county, q, asOf).put("planned", s.hasPlan(county)).put("tasks", json(s.tasks(county))));
  }

  /** The city view: every county's rows and the city total. */
  public Future<JsonObject> city(SqlClient client, List<County> enabling, Quarter q, LocalDate asOf) {
    List<String> counties = enabling.stream().map(County::code).toList();
    return read(client, counties, q, asOf).map(s -> {
      JsonArray items = new JsonArray();
      enabling.forEach(c -> items.add(new JsonObject().put("county", c.code()).put("name", c.nameZh())
          .put("planned", s.hasPlan(c.code())).put("tasks", json(s.tasks(c.code())))));
      return header(null, q, asOf).put("counties", items).put("total", json(s.total(counties)));
    });
  }

  /** The tasks of one county keyed by task, without the labels (for the stored quarterly report). */
  public static JsonObject byTask(List<TaskProgress> tasks) {
    JsonObject out = new JsonObject();
    for (TaskProgress t : tasks) {
      JsonObject figures = t.toJson();
      List.of("task", "labelZh", "labelEn").forEach(figures::remove);
      out.put(t.task().key(), figures);
    }
    return out;
  }

  private Future<Map<String, Map<ScheduleTask, BigDecimal>>> plans(SqlClient client, List<String> counties,
      Quarter q) {
    return client.preparedQuery("SELECT county_code, task, planned FROM monitoring.schedule_plan"
            + " WHERE year = $1 AND quarter = $2 AND county_code = ANY($3::bpchar[])")
        .execute(Tuple.of(q.year(), (short) q.quarter(), counties.toArray(String[]::new)))
        .map(rows -> {
          Map<String, Map<ScheduleTask, BigDecimal>> out = new HashMap<>();
          rows.forEach(r -> out.computeIfAbsent(r.getString("county_code"), c -> new EnumMap<>(ScheduleTask.class))
              .put(ScheduleTask.byKey(r.getString("task")).orElseThrow(), r.getBigDecimal("planned")));
          return out;
        });
  }

  private static JsonObject header(String county, Quarter q, LocalDate asOf) {
    JsonObject out = new JsonObject();
    if (county != null) {
      out.put("county", county);
    }
    return out.put("year", q.year()).put("quarter", q.quarter()).put("from", q.first().toString())
        .put("to", q.last().toString()).put("asOf", asOf.toString()).put("days", q.days())
        .put("daysElapsed", q.daysElapsed(asOf)).put("elapsed", TaskProgress.round(q.elapsed(asOf), 4));
  }

  private static JsonArray json(List<TaskProgress> tasks) {
    JsonArray out = new JsonArray();
    tasks.forEach(t -> out.add(t.toJson()));
    return out;
  }
}
