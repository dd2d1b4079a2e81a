package cn.zhenxing.plugins.monitoring.signal;

import cn.zhenxing.plugins.monitoring.rule.Rules;
import cn.zhenxing.plugins.monitoring.support.History;
import cn.zhenxing.plugins.monitoring.warning.Warnings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Takes in one risk signal, from a route or an event: finds the household (directly, or the person by blind index),
 * records the signal and raises the warning its rule calls for. A person nobody registered is kept as an unmatched
 * signal, not refused: the county follows it up.
 */
public final class SignalIntake {

  /**
   * A signal as it arrives. {@code householdId} or {@code personIndex} names whom it is about; {@code county} limits
   * the search to one county unless {@code citywide} (events: their county is the person's workplace, the household
   * may be registered in another); an unmatched signal is kept under {@code county}.
   */
  public record Incoming(String county, boolean citywide, Long householdId, String personIndex, String channel, String department,
                         String riskKind, BigDecimal amount, String description, String source, String sourceRef,
                         LocalDate occurredOn) {
  }

  /** Whom a signal is about once matched: the household's county wins over the signal's. */
  private record Target(String county, Long householdId, Long memberId, String category, boolean mainEarner) {
  }

  private final Clock clock;
  private final Rules rules;
  private final Warnings warnings;
  private final History history;

  public SignalIntake(Clock clock, Rules rules, Warnings warnings, History history) {
    this.clock = clock;
    this.rules = rules;
    this.warnings = warnings;
    this.history = history;
  }

  /** Records the signal and answers its id. */
  public Future<Long> receive(SqlConnection conn, Incoming in, String actor) {
    return match(conn, in).compose(t -> {
      if (t.householdId() == null) {
        return insert(conn, in, t, "unmatched");
      }
      return rules.inForce(conn, in.occurredOn().getYear())
          .compose(r -> {
            Optional<SignalRule.Fired> fired = SignalRule.assess(r, in.channel(), in.riskKind(), in.amount(),
                t.category(), t.mainEarner());
            if (fired.isEmpty()) {
              return insert(conn, in, t, "below-threshold").compose(id -> noted(conn, t, id, actor, in));
            }
            return insert(conn, in, t, "warned")
                .compose(id -> noted(conn, t, id, actor, in))
                .compose(id -> warnings.raise(conn, t.county(), new Warnings.Raise(t.householdId(), id,
                        fired.get().rule(), fired.get().level(), fired.get().detail()), actor)
                    .compose(raised -> raised.isPresent() ? Future.succeededFuture(id)
                        : conn.preparedQuery("UPDATE monitoring.signal SET outcome = 'already-warned' WHERE id = $1")
                            .execute(Tuple.of(id)).map(id)));
          });
    });
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

  private Future<Long> insert(SqlConnection conn, Incoming in, Target t, String outcome) {
    return conn.preparedQuery("INSERT INTO monitoring.signal (county_code, household_id, member_id, person_index, channel,"
            + " department, risk_kind, amount, description, source, source_ref, occurred_on, received_at, outcome)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id")
        .execute(Tuple.from(new Object[] {t.county(), t.householdId(), t.memberId(), in.personIndex(), in.channel(),
            in.department(), in.riskKind(), in.amount(), in.description(), in.source(), in.sourceRef(),
            in.occurredOn(), clock.instant().atOffset(ZoneOffset.UTC), outcome}))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  private Future<Long> noted(SqlConnection conn, Target t, long id, String actor, Incoming in) {
    return history.record(conn, t.householdId(), t.county(), actor, "signal", new JsonObject().put("signalId", id)
        .put("channel", in.channel()).put("riskKind", in.riskKind())).map(id);
  }
}
