package cn.zhenxing.plugins.supply.agreement;

import cn.zhenxing.plugins.supply.support.Scope;
import cn.zhenxing.plugins.supply.support.Writes;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.HttpRoutes;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Deliveries against an agreement. Rules: tonnes must be positive; the delivery date must lie within the agreement's
 * period (422 otherwise); delivering more than agreed is allowed — suppliers do over-deliver in a tight season —
 * but the delivery that takes the total past the agreed tonnes is flagged {@code exceedsAgreement}.
 */
public final class DeliveryRoutes {

  static final String COLUMNS = "d.id, d.county_code AS county, d.agreement_id, a.agreement_no, a.product, d.reference,"
      + " d.delivered_on, d.tonnes, d.exceeds_agreement, d.note, d.demo";
  static final String FROM = "supply.delivery d JOIN supply.agreement a ON a.id = d.agreement_id";

  private final PluginContext ctx;
  private final Writes writes;

  public DeliveryRoutes(PluginContext ctx) {
    this.ctx = ctx;
    this.writes = new Writes(ctx);
  }

  /** Which request field a broken unique key names (declared once, at registration). */
  public static void declareConstraints(HttpRoutes http) {
    http.constraint("delivery_agreement_id_reference_key", "reference",
        "该协议已有此单号的交付 / this agreement already has a delivery with this reference");
  }

  public void mount(Router router) {
    router.get("/deliveries").handler(this::list);
    router.post("/agreements/:id/deliveries").handler(this::create);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields f = Fields.ofQuery(rc);
    Long agreement = f.integer("agreementId", 1, Long.MAX_VALUE, false);
    LocalDate from = f.date("from", false);
    LocalDate to = f.date("to", false);
    f.validate();
    Where where = Where.county("d.county_code", Scope.of(rc)).and("d.agreement_id = $?", agreement)
        .and("d.delivered_on >= $?", from).and("d.delivered_on <= $?", to);
    where.list(ctx.pool(), page, COLUMNS, FROM, "d.delivered_on DESC, d.id DESC")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    long agreementId = Requests.id(rc, "id");
    String scope = Scope.of(rc);
    Fields f = Fields.of(Requests.jsonBody(rc));
    String reference = f.text("reference", 50, true);
    LocalDate on = f.date("deliveredOn", true);
    BigDecimal tonnes = f.decimal("tonnes", null, new BigDecimal("10000000"), true);
    f.check(tonnes == null || tonnes.signum() > 0, "tonnes", "应大于 0 / must be greater than 0");
    String note = f.text("note", 500, false);
    f.validate();
    writes.audited(rc, 201, "create", "delivery", conn -> lockAgreement(conn, agreementId, scope)
        .compose(a -> {
          LocalDate startsOn = LocalDate.parse(a.getString("startsOn"));
          LocalDate endsOn = LocalDate.parse(a.getString("endsOn"));
          if (on.isBefore(startsOn) || on.isAfter(endsOn)) {
            return Future.failedFuture(Problem.invalid("deliveredOn", "不在协议期限 " + startsOn
                + " 至 " + endsOn + " 内 / outside the agreement's period"));
          }
          BigDecimal delivered = (BigDecimal) a.getValue("delivered");
          boolean exceeds = delivered.add(tonnes).compareTo((BigDecimal) a.getValue("tonnes")) > 0;
          return conn.preparedQuery("INSERT INTO supply.delivery (county_code, agreement_id, reference,"
                  + " delivered_on, tonnes, exceeds_agreement, note) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
              .execute(Tuple.of(scope, agreementId, reference, on, tonnes, exceeds, note));
        })
        .compose(rows -> conn.preparedQuery("SELECT " + COLUMNS + ", a.tonnes AS agreed_tonnes,"
                + " (SELECT sum(tonnes) FROM supply.delivery WHERE agreement_id = a.id) AS delivered_total"
                + " FROM " + FROM + " WHERE d.id = $1")
            .execute(Tuple.of(rows.iterator().next().getLong("id"))))
        .map(rows -> Rows.json(rows.iterator().next())));
  }

  /**
   * The agreement, locked so that two deliveries at once both see each other's tonnes when deciding the
   * over-delivery flag; 404 for another county's agreement.
   */
  private static Future<JsonObject> lockAgreement(SqlConnection conn, long id, String scope) {
    return conn.preparedQuery("SELECT a.starts_on, a.ends_on, a.tonnes, (SELECT coalesce(sum(tonnes), 0)"
            + " FROM supply.delivery WHERE agreement_id = a.id) AS delivered FROM supply.agreement a"
            + " WHERE a.id = $1 AND a.county_code = $2 FOR UPDATE")
        .execute(Tuple.of(id, scope))
        .map(rows -> Rows.one(rows, "协议", "agreement"));
  }
}
