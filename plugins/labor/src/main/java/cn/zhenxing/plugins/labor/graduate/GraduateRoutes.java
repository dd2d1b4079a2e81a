package cn.zhenxing.plugins.labor.graduate;

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
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.List;

/**
 * 雨露计划+: graduates from alleviated families, their school and major, graduation year, placement and the help
 * given; the unemployed ones are listed for follow-up.
 */
public final class GraduateRoutes {

  static final List<String> STATUSES = List.of("employed", "studying", "unemployed");
  private static final String COLUMNS = "id, county_code AS county, name, id_masked AS id_number_masked, township,"
      + " village, school, major, graduation_year, placement_status, employer, help_given, demo, updated_at";

  private final PluginContext ctx;

  public GraduateRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    ctx.http().constraint("graduate_person", "idNumber",
        "此身份证号的毕业生已登记 / A graduate with this ID number is already registered");
    county.get("/graduates").handler(this::list);
    county.get("/graduates/unemployed").handler(rc -> list(rc, "unemployed"));
    county.post("/graduates").handler(this::create);
    county.get("/graduates/:graduateId").handler(this::get);
    county.put("/graduates/:graduateId/placement").handler(this::place);
  }

  /** Where a graduate stands, with the rule that only an employed graduate has an employer. */
  private record Placement(String status, String employer, String helpGiven) {
    static Placement read(Fields f) {
      String status = f.oneOf("placementStatus", STATUSES, true);
      String employer = f.text("employer", 100, false);
      String help = f.text("helpGiven", 1000, false);
      f.check(!"employed".equals(status) || employer != null, "employer",
          "已就业须填写就业单位 / required when the graduate is employed");
      f.check(employer == null || "employed".equals(status), "employer",
          "仅已就业时填写 / only when the graduate is employed");
      return new Placement(status, employer, help == null ? "" : help);
    }
  }

  private void list(RoutingContext rc) {
    Fields q = Fields.ofQuery(rc);
    String status = q.oneOf("placementStatus", STATUSES, false);
    q.validate();
    list(rc, status);
  }

  private void list(RoutingContext rc, String status) {
    Page page = Page.of(rc);
    Fields q = Fields.ofQuery(rc);
    Where where = Where.county("county_code", Requests.county(rc).code())
        .and("placement_status = $?", status)
        .and("graduation_year = $?", q.integer("graduationYear", 2000, 2100, false))
        .and("township = $?", q.text("township", 50, false));
    q.validate();
    where.list(ctx.pool(), page, COLUMNS, "labor.graduate", "graduation_year DESC, id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    ctx.reads().preparedQuery("SELECT " + COLUMNS + " FROM labor.graduate WHERE id = $1 AND county_code = $2")
        .execute(Tuple.of(Requests.id(rc, "graduateId"), Requests.county(rc).code()))
        .map(rows -> Rows.one(rows, "毕业生", "graduate"))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    Fields f = Fields.of(Requests.jsonBody(rc));
    String name = f.text("name", 50, true);
    Sealed id = f.idCard("idNumber", ctx.personalData(), true);
    String township = f.text("township", 50, true);
    String village = f.text("village", 50, true);
    String school = f.text("school", 100, true);
    String major = f.text("major", 100, true);
    Long year = f.integer("graduationYear", 2000, 2100, true);
    Placement p = Placement.read(f);
    f.validate();
    String county = Requests.county(rc).code();
    ctx.audit().inTransaction(rc, conn -> conn
            .preparedQuery("INSERT INTO labor.graduate (county_code, name, id_cipher, id_index, id_masked, township,"
                + " village, school, major, graduation_year, placement_status, employer, help_given, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING " + COLUMNS)
            .execute(Tuple.from(new Object[] {county, name, id.cipher(), id.blindIndex(), id.masked(), township,
                village, school, major, year.intValue(), p.status(), p.employer(), p.helpGiven(),
                ctx.clock().instant().atOffset(ZoneOffset.UTC)}))
            .map(rows -> {
              JsonObject json = Rows.json(rows.iterator().next());
              return new Audited<>(json, AuditEntry.of("create", "graduate", json.getLong("id")));
            }))
        .onSuccess(json -> Answers.created(rc, json))
        .onFailure(rc::fail);
  }

  private void place(RoutingContext rc) {
    long graduateId = Requests.id(rc, "graduateId");
    Fields f = Fields.of(Requests.jsonBody(rc));
    Placement p = Placement.read(f);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn
            .preparedQuery("UPDATE labor.graduate SET placement_status = $3, employer = $4, help_given = $5,"
                + " updated_at = $6 WHERE id = $1 AND county_code = $2 RETURNING " + COLUMNS)
            .execute(Tuple.from(new Object[] {graduateId, Requests.county(rc).code(), p.status(), p.employer(),
                p.helpGiven(), ctx.clock().instant().atOffset(ZoneOffset.UTC)}))
            .map(rows -> new Audited<>(Rows.one(rows, "毕业生", "graduate"), AuditEntry.of("update", "graduate",
                graduateId).withDetail(new JsonObject().put("placementStatus", p.status())))))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }
}
