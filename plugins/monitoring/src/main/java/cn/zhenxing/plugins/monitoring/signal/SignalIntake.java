package cn.zhenxing.plugins.monitoring.signal;

import cn.zhenxing.plugins.monitoring.rule.Rules;
import cn.zhenxing.plugins.monitoring.warning.Warnings;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Takes in risk signals — one from a route or an event, or a department batch of a million — through one
 * set-based statement ({@link SignalStatement}): the year's rule set judges each signal, warnings are raised (at most
 * one open per household and rule), households are marked and their history written, all in the caller's
 * transaction. A person nobody registered is kept as an unmatched signal, not refused: the county follows it up.
 */
public final class SignalIntake {

  /**
   * A signal as it arrives. {@code householdId} or {@code personIndex} names whom it is about; {@code county} limits
   * the search to one county unless {@code citywide} (events: their county is the person's workplace, the household
   * may be registered in another); an unmatched signal is kept under {@code county}.
   */
  public record Incoming(String county, boolean citywide, Long householdId, String personIndex, String channel,
                         String department, String riskKind, BigDecimal amount, String description, String source,
                         String sourceRef, LocalDate occurredOn) {
  }

  /**
   * Many signals at once: {@code select} yields the columns {@link SignalStatement#PENDING} (already matched: the
   * household, member, category and main-earner flag, null household for a person not registered), then any of the
   * caller's own; its parameters are numbered from {@code $7}. Only the signals that fire a rule are recorded — a
   * department's routine records below every threshold stay in the department's own register. {@code also} is an
   * optional further data-modifying CTE of the caller over {@code a} (the recorded signals, their id in
   * {@code sid}), e.g. linking each signal back to its record.
   */
  public record Batch(String select, List<Object> params, String also) {
  }

  /** What a batch raised. */
  public record Taken(long signals, long warnings) {
  }

  private final Clock clock;
  private final Rules rules;
  private final Warnings warnings;

  public SignalIntake(Clock clock, Rules rules, Warnings warnings) {
    this.clock = clock;
    this.rules = rules;
    this.warnings = warnings;
  }

  /** Records one signal (below a threshold too, as the record of what was reported) and answers its id. */
  public Future<Long> receive(SqlConnection conn, Incoming in, String actor) {
    // Refuses a year without rule set (409) before anything is written.
    return rules.inForce(conn, in.occurredOn().getYear())
        .compose(r -> match(conn, in))
        .compose(t -> conn.preparedQuery(SignalStatement.one())
            .execute(common(actor).addValue(t.county()).addValue(t.householdId()).addValue(t.memberId())
                .addValue(in.personIndex()).addValue(in.channel()).addValue(in.department()).addValue(in.riskKind())
                .addValue(in.amount()).addValue(in.description()).addValue(in.source()).addValue(in.sourceRef())
                .addValue(in.occurredOn()).addValue(t.category()).addValue(t.mainEarner())))
        .compose(rows -> {
          Row taken = rows.iterator().next();
          long id = taken.getLong("signal_id");
          Long warning = taken.getLong("warning_id");
          return warning == null ? Future.succeededFuture(id)
              : warnings.notifyRaised(conn, taken.getString("county_code"), warning, taken.getInteger("level"),
                  taken.getString("detail"), taken.getString("township"), taken.getString("village")).map(id);
        });
  }

  /**
   * Records the batch's signals that fire a rule and raises their warnings in one statement; the caller pushes one
   * summary to the inbox (a warning each would bury the county's inbox under a department's file).
   */
  public Future<Taken> receiveAll(SqlConnection conn, Batch batch, String actor) {
    Tuple params = common(actor);
    batch.params().forEach(params::addValue);
    return conn.preparedQuery(SignalStatement.batch(batch.select(), batch.also()))
        .execute(params)
        .map(rows -> {
          Row r = rows.iterator().next();
          return new Taken(r.getLong("signals"), r.getLong("warnings"));
        });
  }

  /** $1–$6 of every intake statement. */
  private Tuple common(String actor) {
    LocalDate today = LocalDate.now(clock);
    return Tuple.of(rules.province(), today, clock.instant().atOffset(ZoneOffset.UTC), warnings.visitDue(today),
        warnings.settleDue(today), actor);
  }

  /** Whom a signal is about once matched: the household's county wins over the signal's. */
  private record Target(String county, Long householdId, Long memberId, String category, boolean mainEarner) {
  }

  private Future<Target> match(SqlConnection conn, Incoming in) {
    if (in.householdId() != null) {
      return conn.preparedQuery("SELECT id, county_code, category FROM monitoring.household WHERE id = $1"
              + " AND county_code = $2")
          .execute(Tuple.of(in.householdId(), in.county()))
          .map(rows -> {
            if (rows.size() == 0) {
              throw cn.zhenxing.sdk.http.Problem.notFound("监测户不存在 / No such household in this county: "
                  + in.householdId());
            }
            Row h = rows.iterator().next();
            // Without a named person, a household-level unemployment signal is taken as the main earner's.
            return new Target(h.getString("county_code"), h.getLong("id"), null, h.getString("category"), true);
          });
    }
    return conn.preparedQuery("SELECT m.id, m.main_earner, h.id AS household_id, h.county_code, h.category"
            + " FROM monitoring.member m JOIN monitoring.household h ON h.id = m.household_id"
            + " WHERE m.id_index = $1 AND ($2::text IS NULL OR h.county_code = $2)")
        .execute(Tuple.of(in.personIndex(), in.citywide() ? null : in.county()))
        .map(rows -> {
          if (rows.size() == 0) {
            return new Target(in.county(), null, null, null, false);
          }
          Row m = rows.iterator().next();
          return new Target(m.getString("county_code"), m.getLong("household_id"), m.getLong("id"),
              m.getString("category"), m.getBoolean("main_earner"));
        });
  }
}
