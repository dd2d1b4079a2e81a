package cn.zhenxing.plugins.monitoring.warning;

import cn.zhenxing.plugins.monitoring.support.History;
import cn.zhenxing.plugins.monitoring.support.Settings;
import cn.zhenxing.sdk.notify.Notification;
import cn.zhenxing.sdk.notify.Notifications;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Raises warnings (预警) with their SLA dates and pushes them to the county. A household has at most one open warning
 * per rule: a second signal of the same kind joins the open one instead of raising another.
 */
public final class Warnings {

  /** One warning to raise: which rule fired, how urgent, in words a cadre understands (no personal numbers). */
  public record Raise(long householdId, Long signalId, String rule, int level, String detail) {
  }

  private final Clock clock;
  private final Settings settings;
  private final Notifications notifications;
  private final History history;

  public Warnings(Clock clock, Settings settings, Notifications notifications, History history) {
    this.clock = clock;
    this.settings = settings;
    this.notifications = notifications;
    this.history = history;
  }

  /** The visit deadline of a warning raised on {@code day}. */
  public LocalDate visitDue(LocalDate day) {
    return settings.calendar().addWorkingDays(day, settings.visitDays());
  }

  public LocalDate settleDue(LocalDate day) {
    return settings.calendar().addWorkingDays(day, settings.settleDays());
  }

  /** Raises the warning unless one is open for the household and rule; answers the new id, or empty. */
  public Future<Optional<Long>> raise(SqlConnection conn, String county, Raise w, String actor) {
    LocalDate today = LocalDate.now(clock);
    return conn.preparedQuery("INSERT INTO monitoring.warning (county_code, household_id, signal_id, rule, level, state,"
            + " detail, raised_on, raised_at, visit_due, settle_due) VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8,"
            + " $9, $10) ON CONFLICT (household_id, rule) WHERE state <> 'settled' DO NOTHING RETURNING id")
        .execute(Tuple.from(new Object[] {county, w.householdId(), w.signalId(), w.rule(), (short) w.level(),
            w.detail(), today, clock.instant().atOffset(ZoneOffset.UTC), visitDue(today), settleDue(today)}))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.<Long>empty());
          }
          long id = rows.iterator().next().getLong("id");
          return markWarned(conn, county, w.householdId())
              .compose(h -> history.record(conn, w.householdId(), county, actor, "warning-raised", new JsonObject()
                      .put("warningId", id).put("rule", w.rule()).put("level", w.level()))
                  .compose(v -> notify(conn, county, id, w, h)))
              .map(v -> Optional.of(id));
        });
  }

  /** A household at rest becomes "warned"; one already in a procedure or monitored stays where it is. */
  private Future<Row> markWarned(SqlConnection conn, String county, long householdId) {
    return conn.preparedQuery("UPDATE monitoring.household SET risk_state = CASE WHEN risk_state IN ('normal',"
            + " 'eliminated') THEN 'warned' ELSE risk_state END WHERE id = $1 AND county_code = $2"
            + " RETURNING household_no, township, village")
        .execute(Tuple.of(householdId, county))
        .map(rows -> rows.iterator().next());
  }

  private Future<Void> notify(SqlConnection conn, String county, long id, Raise w, Row household) {
    // The household number is left out on purpose: some counties use 11-digit numbers that read like a phone number.
    String title = "防返贫监测预警 / Monitoring warning: " + household.getString("township")
        + household.getString("village");
    return notifications.send(conn, Notification.toCounty(county, "warning-raised", title,
                w.detail() + "。请于 " + visitDue(LocalDate.now(clock)) + " 前入户核实 / visit by "
                    + visitDue(LocalDate.now(clock)))
            .level(w.level() >= 3 ? Notification.Level.URGENT : Notification.Level.WARNING)
            .area(household.getString("township"), household.getString("village"))
            .link("/api/v1/monitoring/counties/" + county + "/warnings/" + id))
        .mapEmpty();
  }
}
