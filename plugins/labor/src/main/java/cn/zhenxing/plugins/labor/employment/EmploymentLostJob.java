package cn.zhenxing.plugins.labor.employment;

import cn.zhenxing.plugins.labor.common.LaborConfig;
import cn.zhenxing.sdk.event.EventTypes;
import cn.zhenxing.sdk.event.Events;
import cn.zhenxing.sdk.job.JobRun;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Daily, per county: an employment that ended more than the grace period ago, after which the labourer neither kept
 * another job nor started a new one within the grace period, is an employment lost. Each such employment is marked
 * and published as {@link EventTypes#EMPLOYMENT_LOST} in the run's transaction, so the mark and the event commit
 * together: exactly once per ended employment, whether or not anybody (the monitoring plugin) listens.
 */
public final class EmploymentLostJob {

  /**
   * Marks the lost employments. The row lock the UPDATE takes makes a concurrent run skip what this one marked;
   * {@code $3} is the grace period and {@code $4} how far back beyond it to look.
   */
  private static final String MARK = """
      UPDATE labor.employment e SET lost_detected_on = $2
      FROM labor.labourer l
      WHERE e.county_code = $1 AND l.id = e.labourer_id AND l.county_code = e.county_code
        AND e.lost_detected_on IS NULL
        AND e.end_date < $2::date - $3::int
        AND e.end_date >= $2::date - $3::int - $4::int
        AND NOT EXISTS (SELECT 1 FROM labor.employment n
                        WHERE n.labourer_id = e.labourer_id AND n.id <> e.id
                          AND n.start_date <= e.end_date + $3::int
                          AND (n.end_date IS NULL OR n.end_date > e.end_date))
      RETURNING e.id, e.end_date, e.place, e.monthly_income, l.id_index""";

  private final Events events;
  private final LaborConfig config;
  private final ZoneId zone;

  public EmploymentLostJob(Events events, LaborConfig config, ZoneId zone) {
    this.events = events;
    this.config = config;
    this.zone = zone;
  }

  public Future<Void> run(JobRun run) {
    String county = run.county().orElseThrow().code();
    LocalDate today = LocalDate.ofInstant(run.scheduledAt(), zone);
    return run.connection().preparedQuery(MARK)
        .execute(Tuple.of(county, today, config.employmentLostGraceDays(), config.employmentLostLookbackDays()))
        .compose(rows -> {
          Future<Void> chain = Future.succeededFuture();
          for (Row row : rows) {
            chain = chain.compose(v -> events.publish(run.connection(), EventTypes.EMPLOYMENT_LOST, county,
                payload(row, today)).mapEmpty());
          }
          return chain;
        });
  }

  private static JsonObject payload(Row row, LocalDate today) {
    JsonObject payload = new JsonObject()
        .put(EventTypes.PERSON_INDEX, row.getString("id_index"))
        .put(EventTypes.EMPLOYMENT_ENDED, row.getLocalDate("end_date").toString())
        .put(EventTypes.DETECTED_ON, today.toString())
        .put(EventTypes.PLACE, row.getString("place"))
        .put(EventTypes.EMPLOYMENT_ID, String.valueOf(row.getLong("id")));
    BigDecimal income = row.getBigDecimal("monthly_income");
    if (income != null) {
      payload.put(EventTypes.MONTHLY_INCOME, income.doubleValue());
    }
    return payload;
  }
}
