package cn.zhenxing.plugins.ecommerce.household;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.personal.Sealed;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * 联农带农: alleviated or monitored households linked to a leader (and optionally one of the leader's shops). The
 * household is referenced by its head's ID-card number, sealed: its blind index is the same one every plugin
 * computes, so the monitoring programme can match it without this plugin depending on it.
 */
public final class LinkedHouseholdRoutes {

  public static final List<String> LINK_TYPES = List.of("purchase", "employment", "consignment");

  private static final String COLUMNS = "h.id, h.county_code AS county, h.leader_id, l.name AS leader_name,"
      + " h.shop_id, h.head_name, h.person_masked AS id_number, h.village, h.link_type, h.linked_on,"
      + " h.income_gained, h.demo";

  private static final String FROM = "ecommerce.linked_household h JOIN ecommerce.leader l ON l.id = h.leader_id";

  private final PluginContext ctx;

  public LinkedHouseholdRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    ctx.http().constraint("linked_household_leader", "leaderId", "本县没有这个带头人 / no such leader in this county");
    ctx.http().constraint("linked_household_shop", "shopId", "该带头人没有这个店铺 / the leader has no such shop");
    ctx.http().constraint("linked_household_unique", "idNumber",
        "该户已以此方式与该带头人联结 / this household is already linked to the leader this way");
    county.get("/linked-households").handler(this::list);
    county.post("/linked-households").handler(this::create);
    county.post("/linked-households/search").handler(this::search);
    county.get("/linked-households/:id").handler(this::get);
    county.put("/linked-households/:id").handler(this::update);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields query = Fields.ofQuery(rc);
    Where where = Where.county("h.county_code", Requests.county(rc).code())
        .and("h.leader_id = $?", query.integer("leaderId", 1, Long.MAX_VALUE, false))
        .and("h.shop_id = $?", query.integer("shopId", 1, Long.MAX_VALUE, false))
        .and("h.link_type = $?", query.oneOf("linkType", LINK_TYPES, false));
    query.validate();
    where.list(ctx.pool(), page, COLUMNS, FROM, "h.id")
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  /** The county's links of one household, found by the head's ID-card number sent in the body (never in a URL). */
  private void search(RoutingContext rc) {
    Fields f = Fields.of(Requests.jsonBody(rc));
    Object value = f.json().getValue("idNumber");
    f.check(value instanceof String s && !s.isBlank(), "idNumber", "必填 / required");
    f.validate();
    String index = ctx.personalData().idCardIndex("idNumber", (String) value);
    ctx.pool().preparedQuery("SELECT " + COLUMNS + " FROM " + FROM
            + " WHERE h.county_code = $1 AND h.person_index = $2 ORDER BY h.id")
        .execute(Tuple.of(Requests.county(rc).code(), index))
        .onSuccess(rows -> Answers.ok(rc, new JsonObject().put("items", Rows.array(rows))))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    load(ctx.reads(), Requests.county(rc).code(), Requests.id(rc, "id"))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    String county = Requests.county(rc).code();
    Fields f = Fields.of(Requests.jsonBody(rc));
    Long leader = f.integer("leaderId", 1, Long.MAX_VALUE, true);
    Long shop = f.integer("shopId", 1, Long.MAX_VALUE, false);
    String head = f.text("headName", 30, true);
    Sealed person = f.idCard("idNumber", ctx.personalData(), true);
    String village = f.text("village", 40, false);
    String type = f.oneOf("linkType", LINK_TYPES, true);
    LocalDate linkedOn = f.date("linkedOn", true);
    BigDecimal income = f.decimal("incomeGained", BigDecimal.ZERO, new BigDecimal("9999999999"), false);
    f.check(linkedOn == null || !linkedOn.isAfter(LocalDate.now(ctx.clock().withZone(ctx.zone()))), "linkedOn",
        "不能晚于今天 / must not be in the future");
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("INSERT INTO ecommerce.linked_household (county_code,"
                + " leader_id, shop_id, head_name, person_cipher, person_index, person_masked, village, link_type,"
                + " linked_on, income_gained, created_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id")
            .execute(Tuple.from(Arrays.asList(county, leader, shop, head, person.cipher(), person.blindIndex(),
                person.masked(), village, type, linkedOn, income == null ? BigDecimal.ZERO : income,
                OffsetDateTime.now(ctx.clock()))))
            .map(rows -> rows.iterator().next().getLong("id"))
            .map(x -> new Audited<>(x, AuditEntry.of("create", "linked-household", x)
                .withDetail(new JsonObject().put("leaderId", leader).put("idNumber", person.masked())
                    .put("linkType", type)))))
        .compose(x -> load(ctx.pool(), county, x))
        .onSuccess(json -> Answers.created(rc, json)).onFailure(rc::fail);
  }

  /** Records the income gained so far, the village or the shop; who is linked to whom, and how, stays. */
  private void update(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    BigDecimal income = f.decimal("incomeGained", BigDecimal.ZERO, new BigDecimal("9999999999"), false);
    String village = f.text("village", 40, false);
    Long shop = f.integer("shopId", 1, Long.MAX_VALUE, false);
    f.validate();
    JsonObject changed = new JsonObject().put("incomeGained", income).put("village", village).put("shopId", shop);
    changed.getMap().values().removeIf(Objects::isNull);
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("UPDATE ecommerce.linked_household SET"
                + " income_gained = coalesce($3, income_gained), village = coalesce($4, village),"
                + " shop_id = coalesce($5, shop_id), updated_at = $6 WHERE county_code = $1 AND id = $2 RETURNING id")
            .execute(Tuple.from(Arrays.asList(county, id, income, village, shop, OffsetDateTime.now(ctx.clock()))))
            .map(rows -> Rows.one(rows, "联农带农户", "linked household").getLong("id"))
            .map(x -> new Audited<>(x, AuditEntry.of("update", "linked-household", x).withDetail(changed))))
        .compose(x -> load(ctx.pool(), county, x))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  private static Future<JsonObject> load(SqlClient client, String county, long id) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM " + FROM
            + " WHERE h.county_code = $1 AND h.id = $2").execute(Tuple.of(county, id))
        .map(rows -> Rows.one(rows, "联农带农户", "linked household"));
  }
}
