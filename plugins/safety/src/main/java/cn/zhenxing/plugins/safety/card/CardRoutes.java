package cn.zhenxing.plugins.safety.card;

import cn.zhenxing.plugins.safety.enterprise.EnterpriseRoutes;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Post risk notification cards (岗位风险告知卡) and safety operation cards (安全操作卡) issued to an enterprise's posts:
 * {@code /counties/:county/cards}.
 */
public final class CardRoutes {

  static final List<String> TYPES = List.of("risk_notification", "safety_operation");
  private static final String COLUMNS = "c.id, c.county_code AS county, c.enterprise_id, e.name AS enterprise_name,"
      + " c.card_type, c.post, c.copies, c.issued_on, c.demo";
  private static final String FROM = "safety.card_issue c JOIN safety.enterprise e ON e.id = c.enterprise_id";

  private final PluginContext ctx;

  public CardRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    county.get("/cards").handler(this::list);
    county.post("/cards").handler(this::issue);
  }

  private void list(RoutingContext rc) {
    Fields q = Fields.ofQuery(rc);
    String type = q.oneOf("cardType", TYPES, false);
    Long enterprise = q.integer("enterpriseId", 1, Long.MAX_VALUE, false);
    q.validate();
    Page page = Page.of(rc);
    Where where = Where.county("c.county_code", Requests.county(rc).code()).and("c.card_type = $?", type)
        .and("c.enterprise_id = $?", enterprise);
    where.list(ctx.pool(), page, COLUMNS, FROM, "c.id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void issue(RoutingContext rc) {
    String county = Requests.county(rc).code();
    Fields f = Fields.of(Requests.jsonBody(rc));
    Long enterprise = f.integer("enterpriseId", 1, Long.MAX_VALUE, true);
    String type = f.oneOf("cardType", TYPES, true);
    String post = f.text("post", 50, true);
    Long copies = f.integer("copies", 1, 100_000, true);
    LocalDate issued = f.date("issuedOn", true);
    LocalDate today = LocalDate.now(ctx.clock().withZone(ctx.zone()));
    f.check(issued == null || !issued.isAfter(today), "issuedOn", "不能晚于今天 / must not be in the future");
    f.validate();
    ctx.audit().inTransaction(rc, conn -> EnterpriseRoutes.checkInCounty(conn, county, enterprise, "enterpriseId")
            .compose(v -> conn.preparedQuery("WITH c AS (INSERT INTO safety.card_issue (county_code, enterprise_id,"
                    + " card_type, post, copies, issued_on, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                    + " RETURNING *) SELECT " + COLUMNS + " FROM c JOIN safety.enterprise e ON e.id = c.enterprise_id")
                .execute(Tuple.of(county, enterprise, type, post, copies, issued, OffsetDateTime.now(ctx.clock()))))
            .map(rows -> {
              JsonObject view = Rows.json(rows.iterator().next());
              return new Audited<>(view, AuditEntry.of("create", "card-issue", view.getLong("id")));
            }))
        .onSuccess(view -> Answers.created(rc, view))
        .onFailure(rc::fail);
  }
}
