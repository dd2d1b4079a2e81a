package cn.zhenxing.plugins.monitoring.rule;

import cn.zhenxing.plugins.monitoring.insurance.Uninsured;
import cn.zhenxing.plugins.monitoring.warning.Warnings;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.job.JobRun;
import cn.zhenxing.sdk.notify.Notification;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The nightly rule evaluation over every household of a county: one set-based statement raises the income warnings
 * (per-capita net income below the year's threshold), marks the households and writes their history; households
 * already warned, in a procedure or monitored are left alone (their case is running).
 */
public final class NightlyEvaluation {

  private final PluginContext ctx;
  private final Rules rules;
  private final Warnings warnings;
  private final Uninsured uninsured;

  public NightlyEvaluation(PluginContext ctx, Rules rules, Warnings warnings, Uninsured uninsured) {
    this.ctx = ctx;
    this.rules = rules;
    this.warnings = warnings;
    this.uninsured = uninsured;
  }

  /** The income rule, then the uninsured monitoring objects, in the run's one transaction. */
  public Future<Void> run(JobRun run) {
    String county = run.county().orElseThrow().code();
    LocalDate today = LocalDate.ofInstant(run.scheduledAt(), ctx.clock().getZone());
    return income(run).compose(v -> uninsured.raise(run.connection(), county, today, "job:rule-evaluation"))
        .mapEmpty();
  }

  private Future<Void> income(JobRun run) {
    String county = run.county().orElseThrow().code();
    LocalDate today = LocalDate.ofInstant(run.scheduledAt(), ctx.clock().getZone());
    return run.connection().preparedQuery("WITH r AS (SELECT income_threshold, income_level FROM monitoring.rule_set"
            + "   WHERE province = $2 AND year <= $3 ORDER BY year DESC LIMIT 1),"
            + " raised AS (INSERT INTO monitoring.warning (county_code, household_id, rule, level, state, detail,"
            + "   raised_on, raised_at, visit_due, settle_due)"
            + "   SELECT h.county_code, h.id, 'income', r.income_level, 'open', '人均纯收入 ' || h.income_per_capita"
            + "     || ' 元，低于监测范围 ' || r.income_threshold || ' 元', $4, $5, $6, $7"
            + "   FROM monitoring.household h CROSS JOIN r WHERE h.county_code = $1"
            + "     AND h.risk_state IN ('normal', 'eliminated') AND h.income_per_capita < r.income_threshold"
            + "   ORDER BY h.id"
            + "   ON CONFLICT (household_id, rule) WHERE state <> 'settled' DO NOTHING RETURNING id, household_id),"
            + " marked AS (UPDATE monitoring.household h SET risk_state = 'warned' FROM raised"
            + "   WHERE h.id = raised.household_id RETURNING h.id),"
            + " noted AS (INSERT INTO monitoring.household_history (household_id, county_code, at, actor, action, detail)"
            + "   SELECT household_id, $1, $5, 'job:rule-evaluation', 'warning-raised',"
            + "     jsonb_build_object('warningId', id, 'rule', 'income') FROM raised RETURNING 1)"
            + " SELECT (SELECT count(*) FROM raised) AS raised, (SELECT count(*) FROM marked) AS marked,"
            + "   (SELECT count(*) FROM noted) AS noted")
        .execute(Tuple.of(county, rules.province(), today.getYear(), today,
            ctx.clock().instant().atOffset(ZoneOffset.UTC), warnings.visitDue(today), warnings.settleDue(today)))
        .compose(rows -> {
          long raised = rows.iterator().next().getLong("raised");
          if (raised == 0) {
            return Future.succeededFuture();
          }
          ctx.metrics().counter("warnings_raised_nightly", "Income warnings raised by the nightly evaluation", county)
              .increment(raised);
          return ctx.notifications().send(run.connection(), Notification.toCounty(county, "warnings-nightly",
                  "夜间规则研判新增预警 / New warnings from the nightly evaluation",
                  "新增收入低于监测范围预警 " + raised + " 户，请按期入户核实 / " + raised
                      + " households below the income threshold; visit them in time")
              .level(Notification.Level.WARNING)
              .link("/api/v1/monitoring/counties/" + county + "/warnings?state=open")).mapEmpty();
        });
  }
}
