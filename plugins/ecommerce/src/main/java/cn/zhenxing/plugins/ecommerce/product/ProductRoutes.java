package cn.zhenxing.plugins.ecommerce.product;

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
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** Local specialities sold online, with their certification (地理标志, 绿色食品, 有机产品). */
public final class ProductRoutes {

  public static final List<String> CERTIFICATIONS = List.of("none", "geographical_indication", "green_food",
      "organic");

  private static final String COLUMNS = "p.id, p.county_code AS county, p.etown_id, e.name AS etown_name,"
      + " p.name, p.category, p.certification, p.demo";

  private static final String FROM = "ecommerce.product p LEFT JOIN ecommerce.etown e ON e.id = p.etown_id";

  private final PluginContext ctx;

  public ProductRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    ctx.http().constraint("product_etown", "etownId", "本县没有这个乡村e镇 / no such e-town in this county");
    ctx.http().constraint("product_name_unique", "name", "本县已有同名产品 / a product of this name exists");
    county.get("/products").handler(this::list);
    county.post("/products").handler(this::create);
    county.get("/products/:id").handler(this::get);
    county.put("/products/:id").handler(this::update);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields query = Fields.ofQuery(rc);
    Where where = Where.county("p.county_code", Requests.county(rc).code())
        .and("p.etown_id = $?", query.integer("etownId", 1, Long.MAX_VALUE, false))
        .and("p.category = $?", query.text("category", 200, false))
        .and("p.certification = $?", query.oneOf("certification", CERTIFICATIONS, false));
    query.validate();
    where.list(ctx.pool(), page, COLUMNS, FROM, "p.id")
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    load(ctx.reads(), Requests.county(rc).code(), Requests.id(rc, "id"))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    String county = Requests.county(rc).code();
    Fields f = Fields.of(Requests.jsonBody(rc));
    String name = f.text("name", 60, true);
    String category = f.text("category", 30, true);
    String certification = f.oneOf("certification", CERTIFICATIONS, false);
    Long etown = f.integer("etownId", 1, Long.MAX_VALUE, false);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("INSERT INTO ecommerce.product (county_code, etown_id,"
                + " name, category, certification, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
            .execute(Tuple.from(Arrays.asList(county, etown, name, category,
                certification == null ? "none" : certification, OffsetDateTime.now(ctx.clock()))))
            .map(rows -> rows.iterator().next().getLong("id"))
            .map(x -> new Audited<>(x, AuditEntry.of("create", "product", x))))
        .compose(x -> load(ctx.pool(), county, x))
        .onSuccess(json -> Answers.created(rc, json)).onFailure(rc::fail);
  }

  private void update(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String name = f.text("name", 60, false);
    String category = f.text("category", 30, false);
    String certification = f.oneOf("certification", CERTIFICATIONS, false);
    Long etown = f.integer("etownId", 1, Long.MAX_VALUE, false);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("UPDATE ecommerce.product SET name = coalesce($3, name),"
                + " category = coalesce($4, category), certification = coalesce($5, certification),"
                + " etown_id = coalesce($6, etown_id) WHERE county_code = $1 AND id = $2 RETURNING id")
            .execute(Tuple.from(Arrays.asList(county, id, name, category, certification, etown)))
            .map(rows -> Rows.one(rows, "产品", "product").getLong("id"))
            .map(x -> new Audited<>(x, AuditEntry.of("update", "product", x))))
        .compose(x -> load(ctx.pool(), county, x))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  private static Future<JsonObject> load(SqlClient client, String county, long id) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM " + FROM
            + " WHERE p.county_code = $1 AND p.id = $2").execute(Tuple.of(county, id))
        .map(rows -> Rows.one(rows, "产品", "product"));
  }
}
