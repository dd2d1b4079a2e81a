package cn.zhenxing.plugins.labor.labourer;

import cn.zhenxing.plugins.labor.common.References;
import cn.zhenxing.plugins.labor.common.TextLists;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.personal.Sealed;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.List;

/**
 * 脱贫劳动力: a county registers its labourers (ID number sealed, one row per person in the city), edits them and
 * finds one by ID number without the number ever reaching a URL.
 */
public final class LabourerRoutes {

  /** What a labourer looks like in every answer: the ID number only masked. */
  private static final String COLUMNS = "l.id, l.county_code AS county, l.name, l.id_masked AS id_number_masked,"
      + " l.township, l.village, l.skills, l.brand_id, b.name AS brand_name, l.demo";
  private static final String FROM = "labor.labourer l LEFT JOIN labor.brand b ON b.id = l.brand_id";

  private final PluginContext ctx;

  public LabourerRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    // One row per person in the whole city: the same ID number in any county is a duplicate.
    ctx.http().constraint("labourer_person", "idNumber",
        "此身份证号的劳动力已登记 / A labourer with this ID number is already registered");
    county.get("/labourers").handler(this::list);
    county.post("/labourers").handler(this::create);
    county.post("/labourers/lookup").handler(this::lookup);
    county.get("/labourers/:labourerId").handler(this::get);
    county.put("/labourers/:labourerId").handler(this::update);
  }

  private record Details(String name, String township, String village, List<String> skills, Long brandId) {
    static Details read(Fields f) {
      String name = f.text("name", 50, true);
      String township = f.text("township", 50, true);
      String village = f.text("village", 50, true);
      List<String> skills = TextLists.read(f, "skills", 20, 50, false);
      Long brandId = f.integer("brandId", 1, Long.MAX_VALUE, false);
      return new Details(name, township, village, skills, brandId);
    }
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields q = Fields.ofQuery(rc);
    Where where = Where.county("l.county_code", Requests.county(rc).code())
        .and("l.township = $?", q.text("township", 50, false))
        .and("l.village = $?", q.text("village", 50, false))
        .and("l.brand_id = $?", q.integer("brandId", 1, Long.MAX_VALUE, false))
        .and("strpos(l.name, $?) > 0", q.text("name", 50, false));
    q.validate();
    where.list(ctx.pool(), page, COLUMNS, FROM, "l.id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    ctx.pool().preparedQuery("SELECT " + COLUMNS + " FROM " + FROM + " WHERE l.id = $1 AND l.county_code = $2")
        .execute(Tuple.of(Requests.id(rc, "labourerId"), Requests.county(rc).code()))
        .map(rows -> Rows.one(rows, "劳动力", "labourer"))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void lookup(RoutingContext rc) {
    Fields f = Fields.of(Requests.jsonBody(rc));
    f.text("idNumber", 30, true);
    f.validate();
    String index = ctx.personalData().idCardIndex("idNumber", f.json().getString("idNumber"));
    ctx.pool().preparedQuery("SELECT " + COLUMNS + " FROM " + FROM + " WHERE l.id_index = $1 AND l.county_code = $2")
        .execute(Tuple.of(index, Requests.county(rc).code()))
        .map(rows -> Rows.one(rows, "劳动力", "labourer"))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    Fields f = Fields.of(Requests.jsonBody(rc));
    Details d = Details.read(f);
    Sealed id = f.idCard("idNumber", ctx.personalData(), true);
    f.validate();
    String county = Requests.county(rc).code();
    ctx.audit().inTransaction(rc, conn -> References.exist(conn, "labor.brand", d.brandId(), county, "brandId",
            "本县没有这个劳务品牌 / no such brand in this county")
            .compose(v -> conn.preparedQuery("INSERT INTO labor.labourer (county_code, name, id_cipher, id_index,"
                    + " id_masked, township, village, skills, brand_id, created_at)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
                .execute(Tuple.from(new Object[] {county, d.name(), id.cipher(), id.blindIndex(), id.masked(),
                    d.township(), d.village(), d.skills().toArray(String[]::new), d.brandId(),
                    ctx.clock().instant().atOffset(ZoneOffset.UTC)})))
            .compose(rows -> read(conn, county, rows.iterator().next().getLong("id")))
            .map(json -> new Audited<>(json, AuditEntry.of("create", "labourer", json.getLong("id")))))
        .onSuccess(json -> Answers.created(rc, json))
        .onFailure(rc::fail);
  }

  private void update(RoutingContext rc) {
    long labourerId = Requests.id(rc, "labourerId");
    Fields f = Fields.of(Requests.jsonBody(rc));
    Details d = Details.read(f);
    f.validate();
    String county = Requests.county(rc).code();
    ctx.audit().inTransaction(rc, conn -> References.exist(conn, "labor.brand", d.brandId(), county, "brandId",
            "本县没有这个劳务品牌 / no such brand in this county")
            .compose(v -> conn.preparedQuery("UPDATE labor.labourer SET name = $3, township = $4, village = $5,"
                    + " skills = $6, brand_id = $7 WHERE id = $1 AND county_code = $2 RETURNING id")
                .execute(Tuple.from(new Object[] {labourerId, county, d.name(), d.township(), d.village(),
                    d.skills().toArray(String[]::new), d.brandId()})))
            .compose(rows -> {
              if (rows.size() == 0) {
                throw Problem.notFound("劳动力不存在 / No such labourer");
              }
              return read(conn, county, labourerId);
            })
            .map(json -> new Audited<>(json, AuditEntry.of("update", "labourer", labourerId))))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private static Future<JsonObject> read(SqlConnection conn, String county, long id) {
    return conn.preparedQuery("SELECT " + COLUMNS + " FROM " + FROM + " WHERE l.id = $1 AND l.county_code = $2")
        .execute(Tuple.of(id, county))
        .map(rows -> Rows.one(rows, "劳动力", "labourer"));
  }
}
