package cn.zhenxing.plugins.monitoring.rule;

import cn.zhenxing.plugins.monitoring.support.Http;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.ZoneOffset;

/** The city's view and edit of the rule sets: {@code /api/v1/monitoring/rules/{province}/{year}}. */
public final class RuleRoutes {

  private static final BigDecimal MAX = new BigDecimal("9999999999");

  private final PluginContext ctx;

  public RuleRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router city) {
    city.get("/rules").handler(this::list);
    city.get("/rules/:province/:year").handler(this::get);
    city.put("/rules/:province/:year").handler(this::put);
  }

  private void list(RoutingContext rc) {
    ctx.pool().query("SELECT " + RuleSet.COLUMNS + " FROM monitoring.rule_set ORDER BY province, year").execute()
        .onSuccess(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(r -> items.add(RuleSet.of(r).toJson()));
          Answers.json(rc, 200, new JsonObject().put("items", items).put("total", items.size()));
        })
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    String province = province(rc);
    int year = year(rc);
    ctx.pool().preparedQuery("SELECT " + RuleSet.COLUMNS + " FROM monitoring.rule_set WHERE province = $1 AND year = $2")
        .execute(Tuple.of(province, year))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            rc.fail(Problem.notFound("未配置该省该年度规则 / No rules for " + province + " " + year));
          } else {
            Answers.json(rc, 200, RuleSet.of(rows.iterator().next()).toJson());
          }
        })
        .onFailure(rc::fail);
  }

  /** Creates or replaces the year's rules; every threshold and level is required so a rule set is never partial. */
  private void put(RoutingContext rc) {
    String province = province(rc);
    int year = year(rc);
    Fields f = Fields.of(Requests.jsonBody(rc));
    RuleSet rules = new RuleSet(province, year,
        f.decimal("incomeThreshold", BigDecimal.ONE, MAX, true), level(f, "incomeLevel"),
        f.decimal("medicalThresholdAlleviated", BigDecimal.ONE, MAX, true),
        f.decimal("medicalThresholdOther", BigDecimal.ONE, MAX, true), level(f, "medicalLevel"),
        f.decimal("schoolingThreshold", BigDecimal.ONE, MAX, true), level(f, "schoolingLevel"),
        f.decimal("disasterLossThreshold", BigDecimal.ONE, MAX, true), level(f, "disasterLevel"),
        level(f, "unemploymentLevel"), level(f, "otherLevel"));
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("INSERT INTO monitoring.rule_set (" + RuleSet.COLUMNS
                + ", updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
                + " ON CONFLICT (province, year) DO UPDATE SET income_threshold = excluded.income_threshold,"
                + " income_level = excluded.income_level,"
                + " medical_threshold_alleviated = excluded.medical_threshold_alleviated,"
                + " medical_threshold_other = excluded.medical_threshold_other, medical_level = excluded.medical_level,"
                + " schooling_threshold = excluded.schooling_threshold, schooling_level = excluded.schooling_level,"
                + " disaster_loss_threshold = excluded.disaster_loss_threshold,"
                + " disaster_level = excluded.disaster_level, unemployment_level = excluded.unemployment_level,"
                + " other_level = excluded.other_level, updated_at = excluded.updated_at,"
                + " updated_by = excluded.updated_by")
            .execute(Tuple.from(new Object[] {province, year, rules.incomeThreshold(), rules.incomeLevel(),
                rules.medicalAlleviated(), rules.medicalOther(), rules.medicalLevel(), rules.schoolingThreshold(),
                rules.schoolingLevel(), rules.disasterLoss(), rules.disasterLevel(), rules.unemploymentLevel(),
                rules.otherLevel(), ctx.clock().instant().atOffset(ZoneOffset.UTC), Http.actor(rc)}))
            .map(v -> new Audited<>(rules.toJson(), AuditEntry.of("update", "rule-set", province + "/" + year)
                .withDetail(rules.toJson()))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private static int level(Fields f, String field) {
    Long v = f.integer(field, 1, 3, true);
    return v == null ? 0 : v.intValue();
  }

  private static String province(RoutingContext rc) {
    String p = rc.pathParam("province");
    if (p == null || !p.matches("[1-8][0-9]0000")) {
      throw Problem.invalid("province", "应为省级行政区划代码，如 140000 / must be a province code such as 140000");
    }
    return p;
  }

  private static int year(RoutingContext rc) {
    String y = rc.pathParam("year");
    if (y == null || !y.matches("20[2-9][0-9]")) {
      throw Problem.invalid("year", "应为 2020–2099 的年份 / must be a year from 2020 to 2099");
    }
    return Integer.parseInt(y);
  }
}
