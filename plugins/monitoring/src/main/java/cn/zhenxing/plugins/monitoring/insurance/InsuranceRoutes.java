package cn.zhenxing.plugins.monitoring.insurance;

import cn.zhenxing.plugins.monitoring.support.Http;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Insurance policies (防返贫保险 and the other kinds) with the households they cover, and their claims. */
public final class InsuranceRoutes {

  public static final List<String> KINDS = List.of("灾害险", "价格险", "防返贫保险", "大病保险", "人身意外伤害保险");
  static final List<String> CLAIM_STATUSES = List.of("filed", "approved", "rejected", "paid");
  private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999");
  private static final String POLICY = "p.id, p.county_code AS county, p.kind, p.policy_no, p.insurer, p.starts_on,"
      + " p.ends_on, p.premium, p.sum_insured, p.created_at, p.created_by,"
      + " (SELECT count(*) FROM monitoring.insurance_coverage c WHERE c.policy_id = p.id) AS households";
  private static final String CLAIM = "c.id, c.county_code AS county, c.policy_id, c.household_id, c.amount,"
      + " c.paid_amount, c.status, c.filed_on, c.reason, c.decided_at, c.decided_by";

  private final PluginContext ctx;

  public InsuranceRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    county.post("/insurance/policies").handler(this::createPolicy);
    county.get("/insurance/policies").handler(this::listPolicies);
    county.get("/insurance/policies/:id").handler(this::getPolicy);
    county.post("/insurance/policies/:id/households").handler(this::cover);
    county.post("/insurance/policies/:id/claims").handler(this::fileClaim);
    county.get("/insurance/claims").handler(this::listClaims);
    county.put("/insurance/claims/:id").handler(this::decideClaim);
  }

  private void createPolicy(RoutingContext rc) {
    String county = Http.county(rc);
    Fields f = Fields.of(Requests.jsonBody(rc));
    String kind = f.oneOf("kind", KINDS, true);
    String number = f.text("policyNo", 40, true);
    String insurer = f.text("insurer", 100, true);
    LocalDate starts = f.date("startsOn", true);
    LocalDate ends = f.date("endsOn", true);
    BigDecimal premium = f.decimal("premium", BigDecimal.ZERO, MAX_AMOUNT, false);
    BigDecimal sumInsured = f.decimal("sumInsured", BigDecimal.ZERO, MAX_AMOUNT, false);
    List<Long> households = ids(f, "householdIds", false);
    f.check(starts == null || ends == null || !ends.isBefore(starts), "endsOn",
        "不能早于起保日期 / must not be before startsOn");
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("INSERT INTO monitoring.insurance_policy (county_code,"
                + " kind, policy_no, insurer, starts_on, ends_on, premium, sum_insured, created_at, created_by)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
            .execute(Tuple.from(new Object[] {county, kind, number, insurer, starts, ends, premium, sumInsured,
                now(), Http.actor(rc)}))
            .map(rows -> rows.iterator().next().getLong("id"))
            .compose(id -> addCoverage(conn, county, id, households).map(id))
            .compose(id -> policy(conn, county, id))
            .map(json -> new Audited<>(json, AuditEntry.of("create", "insurance-policy", json.getLong("id"))
                .withDetail(new JsonObject().put("kind", kind).put("households", households.size())))))
        .onSuccess(json -> Answers.json(rc, 201, json))
        .onFailure(rc::fail);
  }

  private void cover(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    List<Long> households = ids(f, "householdIds", true);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> policy(conn, county, id)
            .compose(p -> addCoverage(conn, county, id, households))
            .compose(v -> policy(conn, county, id))
            .map(json -> new Audited<>(json, AuditEntry.of("cover", "insurance-policy", id)
                .withDetail(new JsonObject().put("householdIds", new JsonArray(new ArrayList<>(households)))))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private void listPolicies(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields q = Fields.ofQuery(rc);
    Where where = Where.county("p.county_code", Http.county(rc))
        .and("p.kind = $?", q.oneOf("kind", KINDS, false))
        .and("$? BETWEEN p.starts_on AND p.ends_on", q.date("activeOn", false))
        .and("EXISTS (SELECT 1 FROM monitoring.insurance_coverage c WHERE c.policy_id = p.id"
            + " AND c.household_id = $?)", q.integer("householdId", 1, Long.MAX_VALUE, false));
    q.validate();
    where.list(ctx.pool(), page, POLICY, "monitoring.insurance_policy p", "p.id")
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  /** One policy with the households it covers (head name, number, risk state; no personal numbers). */
  private void getPolicy(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    policy(ctx.pool(), county, id)
        .compose(p -> ctx.pool().preparedQuery("SELECT h.id, h.household_no, h.head_name, h.village, h.risk_state"
                + " FROM monitoring.insurance_coverage c JOIN monitoring.household h ON h.id = c.household_id"
                + " WHERE c.policy_id = $1 AND c.county_code = $2 ORDER BY h.id")
            .execute(Tuple.of(id, county))
            .map(rows -> p.put("coveredHouseholds", Rows.array(rows))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private void fileClaim(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    Long household = f.integer("householdId", 1, Long.MAX_VALUE, true);
    BigDecimal amount = f.decimal("amount", new BigDecimal("0.01"), MAX_AMOUNT, true);
    LocalDate filed = f.date("filedOn", true);
    String reason = f.text("reason", 300, true);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> policy(conn, county, id)
            .compose(p -> conn.preparedQuery("SELECT 1 FROM monitoring.insurance_coverage WHERE policy_id = $1"
                    + " AND household_id = $2 AND county_code = $3").execute(Tuple.of(id, household, county))
                .map(rows -> {
                  if (rows.size() == 0) {
                    throw Problem.invalid("householdId", "该户不在本保单承保范围内 / the policy does not cover this household");
                  }
                  return p;
                }))
            .compose(p -> conn.preparedQuery("INSERT INTO monitoring.insurance_claim (county_code, policy_id,"
                    + " household_id, amount, status, filed_on, reason) VALUES ($1, $2, $3, $4, 'filed', $5, $6)"
                    + " RETURNING id").execute(Tuple.of(county, id, household, amount, filed, reason)))
            .compose(rows -> claim(conn, county, rows.iterator().next().getLong("id"), false))
            .map(json -> new Audited<>(json, AuditEntry.of("create", "insurance-claim", json.getLong("id")))))
        .onSuccess(json -> Answers.json(rc, 201, json))
        .onFailure(rc::fail);
  }

  /** filed → approved | rejected; approved → paid (with the amount paid). */
  private void decideClaim(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String status = f.oneOf("status", List.of("approved", "rejected", "paid"), true);
    BigDecimal paid = f.decimal("paidAmount", BigDecimal.ZERO, MAX_AMOUNT, false);
    f.check(!"paid".equals(status) || paid != null, "paidAmount", "赔付时必填 / required when paid");
    f.validate();
    ctx.audit().inTransaction(rc, conn -> claim(conn, county, id, true)
            .compose(c -> {
              String from = c.getString("status");
              boolean allowed = "filed".equals(from) ? !"paid".equals(status) : "approved".equals(from)
                  && "paid".equals(status);
              if (!allowed) {
                throw Problem.conflict("理赔状态不能从 " + from + " 改为 " + status + " / a " + from
                    + " claim cannot become " + status);
              }
              return conn.preparedQuery("UPDATE monitoring.insurance_claim SET status = $3,"
                      + " paid_amount = coalesce($4, paid_amount), decided_at = coalesce(decided_at, $5),"
                      + " decided_by = coalesce(decided_by, $6) WHERE id = $1 AND county_code = $2")
                  .execute(Tuple.from(new Object[] {id, county, status, paid, now(), Http.actor(rc)}))
                  .map(from);
            })
            .compose(from -> claim(conn, county, id, false).map(json -> new Audited<>(json,
                AuditEntry.of("decide", "insurance-claim", id)
                    .withDetail(new JsonObject().put("from", from).put("to", status))))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private void listClaims(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields q = Fields.ofQuery(rc);
    Where where = Where.county("c.county_code", Http.county(rc))
        .and("c.status = $?", q.oneOf("status", CLAIM_STATUSES, false))
        .and("c.policy_id = $?", q.integer("policyId", 1, Long.MAX_VALUE, false))
        .and("c.household_id = $?", q.integer("householdId", 1, Long.MAX_VALUE, false));
    q.validate();
    where.list(ctx.pool(), page, CLAIM, "monitoring.insurance_claim c", "c.id")
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  /** Adds households of this county to the policy (a household already covered stays covered once). */
  private Future<Void> addCoverage(SqlClient conn, String county, long policy, List<Long> households) {
    if (households.isEmpty()) {
      return Future.succeededFuture();
    }
    Long[] ids = households.toArray(Long[]::new);
    return conn.preparedQuery("SELECT array_agg(i ORDER BY i) AS missing FROM unnest($1::bigint[]) i"
            + " WHERE NOT EXISTS (SELECT 1 FROM monitoring.household h WHERE h.id = i AND h.county_code = $2)")
        .execute(Tuple.of(ids, county))
        .compose(rows -> {
          Object missing = rows.iterator().next().getValue("missing");
          if (missing != null) {
            throw Problem.invalid("householdIds", "本县没有这些户 / no such households in this county: "
                + java.util.Arrays.toString((Object[]) missing));
          }
          return conn.preparedQuery("INSERT INTO monitoring.insurance_coverage (policy_id, household_id, county_code)"
                  + " SELECT $1, i, $2 FROM unnest($3::bigint[]) i ON CONFLICT DO NOTHING")
              .execute(Tuple.of(policy, county, ids)).mapEmpty();
        });
  }

  private static List<Long> ids(Fields f, String field, boolean required) {
    JsonArray array = f.array(field, 10_000, required);
    List<Long> out = new ArrayList<>();
    for (int i = 0; array != null && i < array.size(); i++) {
      Object v = array.getValue(i);
      if (v instanceof Number n && n.longValue() > 0 && n.doubleValue() == Math.rint(n.doubleValue())) {
        out.add(n.longValue());
      } else {
        f.check(false, field + "[" + i + "]", "应为户的编号 (正整数) / must be a household id");
      }
    }
    f.check(!required || !out.isEmpty() || array == null, field, "至少一户 / at least one household");
    return out;
  }

  private static Future<JsonObject> policy(SqlClient conn, String county, long id) {
    return conn.preparedQuery("SELECT " + POLICY + " FROM monitoring.insurance_policy p WHERE p.id = $1"
            + " AND p.county_code = $2").execute(Tuple.of(id, county))
        .map(rows -> Rows.one(rows, "保单", "insurance policy"));
  }

  /** One claim of the county; {@code lock} holds it for a decision, so two decisions cannot both pass the check. */
  private static Future<JsonObject> claim(SqlClient conn, String county, long id, boolean lock) {
    return conn.preparedQuery("SELECT " + CLAIM + " FROM monitoring.insurance_claim c WHERE c.id = $1"
            + " AND c.county_code = $2" + (lock ? " FOR UPDATE" : "")).execute(Tuple.of(id, county))
        .map(rows -> Rows.one(rows, "理赔", "insurance claim"));
  }

  private OffsetDateTime now() {
    return ctx.clock().instant().atOffset(ZoneOffset.UTC);
  }
}
