package cn.zhenxing.plugins.ecommerce.leader;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Objects;

/** A leader's online shops, one per platform and name (淘宝, 拼多多, 抖音, 微信, 京东, 其他). */
public final class ShopRoutes {

  /** A leader's shops as listed on the leader ({@code shopList}). */
  static final String OF_LEADER = "SELECT s.id, s.platform, p.name_zh AS platform_name, s.name, s.opened_on,"
      + " s.closed_on FROM ecommerce.shop s JOIN ecommerce.platform p ON p.code = s.platform";

  private static final String COLUMNS = "s.id, s.county_code AS county, s.leader_id, l.name AS leader_name,"
      + " s.platform, p.name_zh AS platform_name, s.name, s.opened_on, s.closed_on";

  private static final String FROM = "ecommerce.shop s"
      + " JOIN ecommerce.platform p ON p.code = s.platform JOIN ecommerce.leader l ON l.id = s.leader_id";

  private final PluginContext ctx;

  public ShopRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    ctx.http().constraint("shop_leader", "leaderId", "本县没有这个带头人 / no such leader in this county");
    ctx.http().constraint("shop_name_unique", "name", "该平台已有同名店铺 / a shop of this name exists on the platform");
    ctx.http().constraint("shop_closed_after_opened", "closedOn", "不能早于开店日期 / must not be before openedOn");
    county.get("/shops").handler(this::list);
    county.post("/shops").handler(this::create);
    county.get("/shops/:id").handler(this::get);
    county.put("/shops/:id").handler(this::update);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields query = Fields.ofQuery(rc);
    Where where = Where.county("s.county_code", Requests.county(rc).code())
        .and("s.leader_id = $?", query.integer("leaderId", 1, Long.MAX_VALUE, false))
        .and("s.platform = $?", query.oneOf("platform", Platforms.CODES, false));
    query.validate();
    where.list(ctx.pool(), page, COLUMNS, FROM, "s.id")
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    load(ctx.reads(), Requests.county(rc).code(), Requests.id(rc, "id"))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
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
            .execute(Tuple.from(Arrays.asList(county, leader, platform, name, opened, OffsetDateTime.now(ctx.clock()))))
            .map(rows -> rows.iterator().next().getLong("id"))
            .map(x -> new Audited<>(x, AuditEntry.of("create", "shop", x)
                .withDetail(new JsonObject().put("leaderId", leader).put("platform", platform)))))
        .compose(x -> load(ctx.pool(), county, x))
        .onSuccess(json -> Answers.created(rc, json)).onFailure(rc::fail);
  }

  /** Renames a shop or records its opening or closing; a closed shop is no longer expected to report. */
  private void update(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String name = f.text("name", 60, false);
    LocalDate opened = f.date("openedOn", false);
    LocalDate closed = f.date("closedOn", false);
    f.validate();
    JsonObject changed = new JsonObject().put("name", name).put("openedOn", opened == null ? null : opened.toString())
        .put("closedOn", closed == null ? null : closed.toString());
    changed.getMap().values().removeIf(Objects::isNull);
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("UPDATE ecommerce.shop SET name = coalesce($3, name),"
                + " opened_on = coalesce($4, opened_on), closed_on = coalesce($5, closed_on)"
                + " WHERE county_code = $1 AND id = $2 RETURNING id")
            .execute(Tuple.from(Arrays.asList(county, id, name, opened, closed)))
            .map(rows -> Rows.one(rows, "店铺", "shop").getLong("id"))
            .map(x -> new Audited<>(x, AuditEntry.of("update", "shop", x).withDetail(changed))))
        .compose(x -> load(ctx.pool(), county, x))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  static Future<JsonObject> load(SqlClient client, String county, long id) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM " + FROM
            + " WHERE s.county_code = $1 AND s.id = $2").execute(Tuple.of(county, id))
        .map(rows -> Rows.one(rows, "店铺", "shop"));
  }
}
