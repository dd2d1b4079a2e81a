package cn.zhenxing.plugins.ecommerce.leader;

import cn.zhenxing.plugins.ecommerce.support.Conflicts;
import cn.zhenxing.plugins.ecommerce.support.Conflicts.Rule;
import cn.zhenxing.plugins.ecommerce.support.Http;
import cn.zhenxing.plugins.ecommerce.support.Lists;
import cn.zhenxing.plugins.ecommerce.support.Rows;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Requests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;

/** A leader's online shops, one per platform and name (淘宝, 拼多多, 抖音, 微信, 京东, 其他). */
public final class ShopRoutes {

  static final String SELECT = "SELECT s.id, s.county_code, s.leader_id, l.name AS leader_name, s.platform,"
      + " p.name_zh, s.name, s.opened_on, s.closed_on, s.demo, count(*) OVER () AS total FROM ecommerce.shop s"
      + " JOIN ecommerce.platform p ON p.code = s.platform JOIN ecommerce.leader l ON l.id = s.leader_id";

  private static final Map<String, Rule> CONSTRAINTS = Map.of(
      "shop_leader", Rule.invalid("leaderId", "本县没有这个带头人 / no such leader in this county"),
      "shop_name_unique", Rule.conflict("name", "该平台已有同名店铺 / a shop of this name exists on the platform"),
      "shop_closed_after_opened", Rule.invalid("closedOn", "不能早于开店日期 / must not be before openedOn"));

  private final PluginContext ctx;

  public ShopRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    county.get("/shops").handler(this::list);
    county.post("/shops").handler(this::create);
    county.get("/shops/:id").handler(this::get);
    county.put("/shops/:id").handler(this::update);
  }

  private void list(RoutingContext rc) {
    new Lists(rc, "s.county_code", Requests.county(rc).code())
        .id("leaderId", "s.leader_id = ?")
        .oneOf("platform", Platforms.CODES, "s.platform = ?")
        .page(ctx.pool(), SELECT, "s.id", ShopRoutes::toJson)
        .onSuccess(page -> Http.json(rc, 200, page)).onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    load(ctx.pool(), Requests.county(rc).code(), Http.id(rc, "id", "店铺 / shop"))
        .onSuccess(json -> Http.json(rc, 200, json)).onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    String county = Requests.county(rc).code();
    Fields f = Fields.of(Requests.jsonBody(rc));
    Long leader = f.integer("leaderId", 1, Long.MAX_VALUE, true);
    String platform = f.oneOf("platform", Platforms.CODES, true);
    String name = f.text("name", 60, true);
    LocalDate opened = f.date("openedOn", false);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("INSERT INTO ecommerce.shop (county_code, leader_id,"
                + " platform, name, opened_on, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
            .execute(Tuple.from(Arrays.asList(county, leader, platform, name, opened, Rows.now(ctx.clock()))))
            .recover(Conflicts.map(CONSTRAINTS))
            .map(rows -> rows.iterator().next().getLong("id"))
            .map(x -> new Audited<>(x, AuditEntry.of("create", "shop", x)
                .withDetail(new JsonObject().put("leaderId", leader).put("platform", platform)))))
        .compose(x -> load(ctx.pool(), county, x))
        .onSuccess(json -> Http.json(rc, 201, json)).onFailure(rc::fail);
  }

  /** Renames a shop or records its opening or closing; a closed shop is no longer expected to report. */
  private void update(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Http.id(rc, "id", "店铺 / shop");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String name = f.text("name", 60, false);
    LocalDate opened = f.date("openedOn", false);
    LocalDate closed = f.date("closedOn", false);
    f.validate();
    JsonObject changed = new JsonObject();
    Rows.putIf(changed, "name", name);
    Rows.putIf(changed, "openedOn", opened == null ? null : opened.toString());
    Rows.putIf(changed, "closedOn", closed == null ? null : closed.toString());
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("UPDATE ecommerce.shop SET name = coalesce($3, name),"
                + " opened_on = coalesce($4, opened_on), closed_on = coalesce($5, closed_on)"
                + " WHERE county_code = $1 AND id = $2 RETURNING id")
            .execute(Tuple.from(Arrays.asList(county, id, name, opened, closed)))
            .recover(Conflicts.map(CONSTRAINTS))
            .map(rows -> Http.single(rows, "店铺 / shop").getLong("id"))
            .map(x -> new Audited<>(x, AuditEntry.of("update", "shop", x).withDetail(changed))))
        .compose(x -> load(ctx.pool(), county, x))
        .onSuccess(json -> Http.json(rc, 200, json)).onFailure(rc::fail);
  }

  static Future<JsonObject> load(SqlClient client, String county, long id) {
    return client.preparedQuery(SELECT + " WHERE s.county_code = $1 AND s.id = $2").execute(Tuple.of(county, id))
        .map(rows -> toJson(Http.single(rows, "店铺 / shop")).put("leaderName",
            rows.iterator().next().getString("leader_name")));
  }

  static JsonObject toJson(Row row) {
    JsonObject json = new JsonObject().put("id", row.getLong("id")).put("platform", row.getString("platform"))
        .put("platformName", row.getString("name_zh")).put("name", row.getString("name"));
    Rows.putIf(json, "leaderId", columnOrNull(row, "leader_id"));
    Rows.putIf(json, "county", columnOrNull(row, "county_code"));
    Rows.putIf(json, "openedOn", Rows.date(row, "opened_on"));
    return Rows.putIf(json, "closedOn", Rows.date(row, "closed_on"));
  }

  private static Object columnOrNull(Row row, String column) {
    return row.getColumnIndex(column) < 0 ? null : row.getValue(column);
  }
}
