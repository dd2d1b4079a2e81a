package cn.zhenxing.plugins.monitoring.procedure;

import cn.zhenxing.plugins.monitoring.household.Households;
import cn.zhenxing.plugins.monitoring.household.Vocabulary;
import cn.zhenxing.plugins.monitoring.rule.Rules;
import cn.zhenxing.plugins.monitoring.support.History;
import cn.zhenxing.plugins.monitoring.support.Settings;
import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Starting the identification and elimination procedures, with the conditions each needs. */
public final class Procedures {

  private final Clock clock;
  private final Settings settings;
  private final Rules rules;
  private final History history;

  public Procedures(Clock clock, Settings settings, Rules rules, History history) {
    this.clock = clock;
    this.settings = settings;
    this.rules = rules;
    this.history = history;
  }

  /**
   * Called when a visited warning is settled as "identify": starts the identification unless the household is already
   * a monitoring object ({@code already-monitored}) or already in one ({@code identify}, joining it).
   */
  public Future<String> startIdentificationIfNeeded(SqlConnection conn, String county, long household, String actor) {
    return Households.find(conn, county, household, true).compose(h -> {
      String state = h.getString("risk_state");
      if ("monitored".equals(state)) {
        return Future.succeededFuture("already-monitored");
      }
      if ("identifying".equals(state)) {
        return Future.succeededFuture("identify");
      }
      return insert(conn, county, household, Steps.IDENTIFICATION, actor).map("identify");
    });
  }

  /** Starts a procedure the county asks for directly; 409 when the household may not enter it now. */
  Future<Long> start(SqlConnection conn, String county, long household, String kind, String actor) {
    return Households.find(conn, county, household, true).compose(h -> {
      String state = h.getString("risk_state");
      if ("identifying".equals(state)) {
        throw Problem.conflict("该户已在识别程序中 / the household is already in an identification procedure");
      }
      if (Steps.IDENTIFICATION.equals(kind)) {
        if ("monitored".equals(state)) {
          throw Problem.conflict("该户已是监测对象 / the household is already a monitoring object");
        }
        return insert(conn, county, household, kind, actor);
      }
      return refuseUnlessEliminable(conn, h).compose(v -> insert(conn, county, household, kind, actor));
    });
  }

  private Future<Long> insert(SqlConnection conn, String county, long household, String kind, String actor) {
    LocalDate today = LocalDate.now(clock);
    // Identification is due 15 days after the household's first signal still open; elimination 15 days after start.
    Future<LocalDate> first = Steps.ELIMINATION.equals(kind) ? Future.succeededFuture(today) : conn
        .preparedQuery("SELECT least(min(s.occurred_on), min(w.raised_on)) AS first FROM monitoring.warning w"
            + " LEFT JOIN monitoring.signal s ON s.id = w.signal_id WHERE w.household_id = $1 AND w.state <> 'settled'")
        .execute(Tuple.of(household))
        .map(rows -> {
          LocalDate d = rows.iterator().next().getLocalDate("first");
          return d == null ? today : d;
        });
    return first.compose(d -> conn.preparedQuery("INSERT INTO monitoring.procedure (county_code, household_id, kind,"
                + " state, next_step, first_signal_on, due_on, started_at, started_by) VALUES ($1, $2, $3, 'in-progress',"
                + " $4, $5, $6, $7, $8) RETURNING id")
            .execute(Tuple.from(new Object[] {county, household, kind, Steps.first(kind), d,
                d.plusDays(settings.identifyDays()), clock.instant().atOffset(ZoneOffset.UTC), actor})))
        .map(rows -> rows.iterator().next().getLong("id"))
        .compose(id -> (Steps.IDENTIFICATION.equals(kind) ? conn.preparedQuery("UPDATE monitoring.household SET"
                + " risk_state = 'identifying' WHERE id = $1 AND county_code = $2").execute(Tuple.of(household, county))
                .mapEmpty() : Future.<Void>succeededFuture())
            .compose(v -> history.record(conn, household, county, actor, kind + "-started",
                new JsonObject().put("procedureId", id)))
            .map(id));
  }

  /**
   * The conditions of risk elimination (风险消除): a monitoring object for six months, income stably above the
   * threshold for six months, at least one measure in place, no warning open, and working-age labour in the household
   * (without it the household is not marked eliminated but stays under watch). 409 listing every unmet condition.
   */
  Future<Void> refuseUnlessEliminable(SqlConnection conn, Row h) {
    long id = h.getLong("id");
    LocalDate today = LocalDate.now(clock);
    LocalDate sixMonthsAgo = today.minusMonths(6);
    if (!"monitored".equals(h.getString("risk_state"))) {
      throw Problem.conflict("仅监测对象可申请风险消除 / only a monitoring object can be eliminated; the household is "
          + h.getString("risk_state"));
    }
    return rules.inForce(conn, today.getYear()).compose(r -> conn.preparedQuery(
            "WITH a AS (SELECT assessed_on, income_per_capita FROM monitoring.income_assessment WHERE household_id = $1),"
                + " anchor AS (SELECT max(assessed_on) AS d FROM a WHERE assessed_on <= $2)"
                + " SELECT (SELECT d FROM anchor) IS NOT NULL AND coalesce((SELECT bool_and(income_per_capita >= $3)"
                + "   FROM a WHERE assessed_on >= (SELECT d FROM anchor)), false) AS income_stable,"
                + " EXISTS (SELECT 1 FROM monitoring.measure m WHERE m.household_id = $1"
                + "   AND m.status IN ('in-progress', 'completed')) AS has_measure,"
                + " NOT EXISTS (SELECT 1 FROM monitoring.warning w WHERE w.household_id = $1 AND w.state <> 'settled')"
                + "   AS risks_resolved,"
                + " EXISTS (SELECT 1 FROM monitoring.member m WHERE m.household_id = $1"
                + "   AND m.labour IN ('普通劳动力', '弱劳动力') AND m.birth_date <= $4 AND m.birth_date > $5) AS has_labour")
            .execute(Tuple.of(id, sixMonthsAgo, r.incomeThreshold(), today.minusYears(Vocabulary.WORKING_AGE_FROM),
                today.minusYears(Vocabulary.WORKING_AGE_TO + 1)))
            .map(rows -> {
              Row c = rows.iterator().next();
              List<String> unmet = new ArrayList<>();
              if (h.getLocalDate("monitored_since").isAfter(sixMonthsAgo)) {
                unmet.add("纳入监测不满 6 个月 / monitored for less than 6 months (since "
                    + h.getLocalDate("monitored_since") + ")");
              }
              if (!c.getBoolean("income_stable")) {
                unmet.add("人均纯收入未稳定高于监测范围 " + r.incomeThreshold().toPlainString() + " 元满 6 个月 / income not"
                    + " stably above the threshold for 6 months");
              }
              if (!c.getBoolean("has_measure")) {
                unmet.add("无落实中的帮扶措施 / no assistance measure in place");
              }
              if (!c.getBoolean("risks_resolved")) {
                unmet.add("仍有未办结的风险预警 / risk warnings still open");
              }
              if (!c.getBoolean("has_labour")) {
                unmet.add("无劳动能力户不标注风险消除，继续监测 / a household without working-age labour stays under"
                    + " watch");
              }
              if (!unmet.isEmpty()) {
                throw Problem.conflict("不符合风险消除条件 / not eligible for risk elimination: "
                    + String.join("; ", unmet));
              }
              return null;
            }));
  }
}
