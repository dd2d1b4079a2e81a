package cn.zhenxing.testkit.audit;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * The audit tests' in-process plugin: county-scoped relief payments, written the two ways the SDK offers.
 *
 * <ul>
 *   <li>{@code POST /api/v1/relief/counties/:county/payments} {@code {"household", "amount"}}: through
 *       {@link AuditLog#inTransaction}; answers 201 with the payment;</li>
 *   <li>{@code POST /api/v1/relief/counties/:county/payments/manual}: the same through the plugin's own transaction
 *       and {@link AuditLog#record};</li>
 * </ul>
 * Both record {@code create} on {@code payment}; a body field {@code auditAction} replaces the action, so a test can
 * make the audit write fail (an action the audit log refuses) and see the payment roll back with it.
 */
public final class ReliefPlugin implements ZhenxingPlugin {

  public static final String ID = "relief";

  private Pool pool;
  private AuditLog audit;

  @Override
  public void register(PluginContext context) {
    this.pool = context.pool();
    this.audit = context.audit();
    context.http().county().post("/payments").handler(this::add);
    context.http().county().post("/payments/manual").handler(this::addManaged);
  }

  private record Payment(String household, int amount, String action) {
  }

  private static Payment read(RoutingContext rc) {
    JsonObject body = Requests.jsonBody(rc);
    if (!(body.getValue("household") instanceof String household) || household.isBlank()) {
      throw Problem.invalid("household", "必须为非空字符串 / must be a non-empty string");
    }
    if (!(body.getValue("amount") instanceof Integer amount)) {
      throw Problem.invalid("amount", "必须为整数 / must be a whole number");
    }
    return new Payment(household, amount, body.getString("auditAction", "create"));
  }

  private void add(RoutingContext rc) {
    County county = Requests.county(rc);
    Payment p = read(rc);
    audit.inTransaction(rc, conn -> conn
            .preparedQuery("INSERT INTO relief.payment (county_code, household, amount) VALUES ($1, $2, $3) "
                + "RETURNING id")
            .execute(Tuple.of(county.code(), p.household(), p.amount()))
            .map(rows -> {
              long id = rows.iterator().next().getLong("id");
              return new Audited<>(json(id, county, p), new AuditEntry(p.action(), "payment", String.valueOf(id),
                  new JsonObject().put("amount", p.amount())));
            }))
        .onSuccess(body -> respond(rc, body))
        .onFailure(rc::fail);
  }

  private void addManaged(RoutingContext rc) {
    County county = Requests.county(rc);
    Payment p = read(rc);
    pool.withTransaction(conn -> conn
            .preparedQuery("INSERT INTO relief.payment (county_code, household, amount) VALUES ($1, $2, $3) "
                + "RETURNING id")
            .execute(Tuple.of(county.code(), p.household(), p.amount()))
            .map(rows -> rows.iterator().next().getLong("id"))
            .compose(id -> audit.record(conn, rc, AuditEntry.of(p.action(), "payment", id)).map(id)))
        .onSuccess(id -> respond(rc, json(id, county, p)))
        .onFailure(rc::fail);
  }

  private static JsonObject json(long id, County county, Payment p) {
    return new JsonObject().put("id", id).put("county", county.code()).put("household", p.household())
        .put("amount", p.amount());
  }

  private static void respond(RoutingContext rc, JsonObject body) {
    rc.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
