package cn.zhenxing.plugins.ecommerce.leader;

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
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * The leader register (农村电商带头人). The ID-card number identifies the person city-wide (a second registration of
 * the same person is a 409) and, like the phone number, is stored sealed and answered masked.
 */
public final class LeaderRoutes {

  private static final String COLUMNS = "l.id, l.county_code AS county, l.name, l.id_masked AS id_number,"
      + " l.phone_masked AS phone, l.etown_id, e.name AS etown_name, l.cohort, t.trainings,"
      + " t.trainings > 0 AS trained,"
      + " (SELECT count(*) FROM ecommerce.shop s WHERE s.leader_id = l.id) AS shops,"
      + " (SELECT count(*) FROM ecommerce.linked_household h WHERE h.leader_id = l.id) AS linked_households,"
      + " l.demo";

  private static final String FROM = "ecommerce.leader l LEFT JOIN ecommerce.etown e ON e.id = l.etown_id"
      + " CROSS JOIN LATERAL (SELECT count(*) AS trainings FROM ecommerce.attendance a WHERE a.leader_id = l.id) t";

  private final PluginContext ctx;

  public LeaderRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    ctx.http().constraint("leader_id_index_unique", "idNumber",
        "此人已登记为电商带头人 / this person is already registered as a leader");
    ctx.http().constraint("leader_etown", "etownId", "本县没有这个乡村e镇 / no such e-town in this county");
    county.get("/leaders").handler(this::list);
    county.post("/leaders").handler(this::create);
    county.get("/leaders/:id").handler(this::get);
    county.put("/leaders/:id").handler(this::update);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields query = Fields.ofQuery(rc);
    Where where = Where.county("l.county_code", Requests.county(rc).code())
        .and("l.etown_id = $?", query.integer("etownId", 1, Long.MAX_VALUE, false))
        .and("l.cohort = $?", query.text("cohort", 200, false))
        .and("(t.trainings > 0) = $?", query.has("trained") ? query.bool("trained", false) : null);
    query.validate();
    where.list(ctx.pool(), page, COLUMNS, FROM, "l.id")
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Requests.id(rc, "id");
    load(ctx.reads(), county, id)
        .compose(leader -> ctx.reads().preparedQuery(ShopRoutes.OF_LEADER
                + " WHERE s.county_code = $1 AND s.leader_id = $2 ORDER BY s.id").execute(Tuple.of(county, id))
            .map(rows -> leader.put("shopList", Rows.array(rows))))
        .compose(leader -> ctx.reads().preparedQuery("SELECT t.id, t.title, t.held_on, t.hours"
                + " FROM ecommerce.attendance a JOIN ecommerce.training t ON t.id = a.training_id"
                + " WHERE a.county_code = $1 AND a.leader_id = $2 ORDER BY t.held_on, t.id")
            .execute(Tuple.of(county, id))
            .map(rows -> leader.put("trainingsTaken", Rows.array(rows))))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    String county = Requests.county(rc).code();
    Fields f = Fields.of(Requests.jsonBody(rc));
    String name = f.text("name", 30, true);
    Sealed id = f.idCard("idNumber", ctx.personalData(), true);
    Sealed phone = f.phone("phone", ctx.personalData(), false);
    Long etown = f.integer("etownId", 1, Long.MAX_VALUE, false);
    String cohort = f.text("cohort", 30, false);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("INSERT INTO ecommerce.leader (county_code, etown_id,"
                + " name, id_cipher, id_index, id_masked, phone_cipher, phone_masked, cohort, created_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id")
            .execute(Tuple.from(Arrays.asList(county, etown, name, id.cipher(), id.blindIndex(), id.masked(),
                phone == null ? null : phone.cipher(), phone == null ? null : phone.masked(), cohort,
                OffsetDateTime.now(ctx.clock()))))
            .map(rows -> rows.iterator().next().getLong("id"))
            .map(x -> new Audited<>(x, AuditEntry.of("create", "leader", x)
                .withDetail(new JsonObject().put("idNumber", id.masked())))))
        .compose(x -> load(ctx.pool(), county, x))
        .onSuccess(json -> Answers.created(rc, json)).onFailure(rc::fail);
  }

  /** Changes name, phone, e-town or cohort; the ID-card number identifies the person and is not changed here. */
  private void update(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String name = f.text("name", 30, false);
    Sealed phone = f.phone("phone", ctx.personalData(), false);
    Long etown = f.integer("etownId", 1, Long.MAX_VALUE, false);
    String cohort = f.text("cohort", 30, false);
    f.check(!f.has("idNumber"), "idNumber", "身份证号不能修改 / cannot be changed");
    f.validate();
    JsonObject changed = new JsonObject().put("name", name).put("phone", phone == null ? null : phone.masked())
        .put("etownId", etown).put("cohort", cohort);
    changed.getMap().values().removeIf(Objects::isNull);
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("UPDATE ecommerce.leader SET name = coalesce($3, name),"
                + " phone_cipher = coalesce($4, phone_cipher), phone_masked = coalesce($5, phone_masked),"
                + " etown_id = coalesce($6, etown_id), cohort = coalesce($7, cohort), updated_at = $8"
                + " WHERE county_code = $1 AND id = $2 RETURNING id")
            .execute(Tuple.from(Arrays.asList(county, id, name, phone == null ? null : phone.cipher(),
                phone == null ? null : phone.masked(), etown, cohort, OffsetDateTime.now(ctx.clock()))))
            .map(rows -> Rows.one(rows, "带头人", "leader").getLong("id"))
            .map(x -> new Audited<>(x, AuditEntry.of("update", "leader", x).withDetail(changed))))
        .compose(x -> load(ctx.pool(), county, x))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  static Future<JsonObject> load(SqlClient client, String county, long id) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM " + FROM
            + " WHERE l.county_code = $1 AND l.id = $2").execute(Tuple.of(county, id))
        .map(rows -> Rows.one(rows, "带头人", "leader"));
  }
}
