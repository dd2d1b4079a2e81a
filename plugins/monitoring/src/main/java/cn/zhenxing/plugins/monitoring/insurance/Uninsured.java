package cn.zhenxing.plugins.monitoring.insurance;

import cn.zhenxing.plugins.monitoring.rule.Rules;
import cn.zhenxing.plugins.monitoring.warning.Warnings;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.notify.Notification;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * 监测对象未参保预警: a monitoring object without a 防返贫保险 policy in force on the day gets an {@code uninsured}
 * warning — the same warning table, SLA timers and inbox as every other rule, raised by the nightly evaluation
 * (at most one open per household, so a re-run raises nothing new). Its level is the rule set's "other" level.
 */
public final class Uninsured {

  /** The kind a monitoring object must hold (the anti-return-to-poverty net); the other kinds do not count. */
  public static final String REQUIRED_KIND = "防返贫保险";

  private final PluginContext ctx;
  private final Rules rules;
  private final Warnings warnings;

  public Uninsured(PluginContext ctx, Rules rules, Warnings warnings) {
    this.ctx = ctx;
    this.rules = rules;
    this.warnings = warnings;
  }

  /** Raises the county's uninsured warnings for {@code today}; answers how many were raised. */
  public Future<Long> raise(SqlConnection conn, String county, LocalDate today, String actor) {
    return conn.preparedQuery("WITH r AS (SELECT other_level FROM monitoring.rule_set"
            + "   WHERE province = $2 AND year <= $3 ORDER BY year DESC LIMIT 1),"
            + " raised AS (INSERT INTO monitoring.warning (county_code, household_id, rule, level, state, detail,"
            + "   raised_on, raised_at, visit_due, settle_due)"
            + "   SELECT h.county_code, h.id, 'uninsured', r.other_level, 'open',"
            + "     '监测对象未参加防返贫保险 / monitoring object without anti-return-to-poverty insurance',"
            + "     $4, $5, $6, $7"
            + "   FROM monitoring.household h CROSS JOIN r WHERE h.county_code = $1 AND h.risk_state = 'monitored'"
            + "     AND NOT EXISTS (SELECT 1 FROM monitoring.insurance_coverage c"
            + "       JOIN monitoring.insurance_policy p ON p.id = c.policy_id"
            + "       WHERE c.household_id = h.id AND p.kind = $8 AND $4 BETWEEN p.starts_on AND p.ends_on)"
            + "   ORDER BY h.id"
            + "   ON CONFLICT (household_id, rule) WHERE state <> 'settled' DO NOTHING RETURNING id, household_id),"
            + " noted AS (INSERT INTO monitoring.household_history (household_id, county_code, at, actor, action, detail)"
            + "   SELECT household_id, $1, $5, $9, 'warning-raised',"
            + "     jsonb_build_object('warningId', id, 'rule', 'uninsured') FROM raised RETURNING 1)"
            + " SELECT (SELECT count(*) FROM raised) AS raised, (SELECT count(*) FROM noted) AS noted")
        .execute(Tuple.from(new Object[] {county, rules.province(), today.getYear(), today,
            ctx.clock().instant().atOffset(ZoneOffset.UTC), warnings.visitDue(today), warnings.settleDue(today),
            REQUIRED_KIND, actor}))
        .map(rows -> rows.iterator().next().getLong("raised"))
        .compose(raised -> raised == 0 ? Future.succeededFuture(0L)
            : ctx.notifications().send(conn, Notification.toCounty(county, "warnings-uninsured",
                    "监测对象未参保预警 / Uninsured monitoring objects",
                    raised + " 户监测对象未参加防返贫保险，请核实 / " + raised
                        + " monitoring objects without anti-return-to-poverty insurance")
                .level(Notification.Level.WARNING)
                .link("/api/v1/monitoring/counties/" + county + "/warnings?state=open")).map(raised));
  }
}
