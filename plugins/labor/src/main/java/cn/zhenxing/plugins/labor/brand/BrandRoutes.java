package cn.zhenxing.plugins.labor.brand;

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
import java.time.ZoneOffset;

/** 劳务品牌: a county lists, adds and edits its labour brands; the city sees every brand's figures. */
public final class BrandRoutes {

  private static final String COLUMNS = "id, county_code AS county, name, trade, description, training_standard, seeded, demo";

  private final PluginContext ctx;

  public BrandRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county, Router city) {
    ctx.http().constraint("brand_county_code_name_key", "name",
        "本县已有同名劳务品牌 / The county already has a brand of this name");
    city.get("/brand-summary").handler(this::summary);
    county.get("/brands").handler(this::list);
    county.post("/brands").handler(this::create);
    county.get("/brands/:brandId").handler(this::get);
    county.put("/brands/:brandId").handler(this::update);
  }

  private record Brand(String name, String trade, String description, String trainingStandard) {
    static Brand read(RoutingContext rc) {
      Fields f = Fields.of(Requests.jsonBody(rc));
      Brand b = new Brand(f.text("name", 50, true), f.text("trade", 50, true), f.text("description", 2000, false),
          f.text("trainingStandard", 2000, false));
      f.validate();
      return b;
    }

    /** $1 and $2 are the statement's own (ids, county, time); the brand's fields follow from $3. */
    Tuple tuple(Object first, Object second) {
      return Tuple.of(first, second, name, trade, nz(description), nz(trainingStandard));
    }

    private static String nz(String s) {
      return s == null ? "" : s;
    }
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Where.county("county_code", Requests.county(rc).code())
        .list(ctx.pool(), page, COLUMNS, "labor.brand", "seeded DESC, id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  /**
   * City accounts: every brand of every county with its labourers, trainees, completions and the labourers of the
   * brand employed today — the brands' progress side by side.
   */
  private void summary(RoutingContext rc) {
    ctx.pool().preparedQuery("""
            SELECT b.id, b.county_code AS county, b.name, b.trade,
                   (SELECT count(*) FROM labor.labourer l WHERE l.brand_id = b.id) AS labourers,
                   (SELECT count(DISTINCT e.labourer_id) FROM labor.employment e JOIN labor.labourer l
                      ON l.id = e.labourer_id
                    WHERE l.brand_id = b.id AND e.start_date <= $1 AND (e.end_date IS NULL OR e.end_date >= $1))
                     AS employed,
                   count(t.id) AS trainees, count(t.completed_on) AS completions
            FROM labor.brand b
            LEFT JOIN labor.course c ON c.brand_id = b.id
            LEFT JOIN labor.training_session s ON s.course_id = c.id
            LEFT JOIN labor.trainee t ON t.session_id = s.id
            GROUP BY b.id ORDER BY b.county_code, b.id""")
        .execute(Tuple.of(LocalDate.now(ctx.clock().withZone(ctx.zone()))))
        .onSuccess(rows -> Answers.ok(rc, new JsonObject().put("items", Rows.array(rows))))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    ctx.reads().preparedQuery("SELECT " + COLUMNS + " FROM labor.brand WHERE id = $1 AND county_code = $2")
        .execute(Tuple.of(Requests.id(rc, "brandId"), Requests.county(rc).code()))
        .map(rows -> Rows.one(rows, "劳务品牌", "brand"))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    Brand b = Brand.read(rc);
    String county = Requests.county(rc).code();
    ctx.audit().inTransaction(rc, conn -> conn
            .preparedQuery("INSERT INTO labor.brand (county_code, created_at, name, trade, description,"
                + " training_standard) VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
            .execute(b.tuple(county, ctx.clock().instant().atOffset(ZoneOffset.UTC)))
            .map(rows -> {
              JsonObject json = Rows.json(rows.iterator().next());
              return new Audited<>(json, AuditEntry.of("create", "brand", json.getLong("id")));
            }))
        .onSuccess(json -> Answers.created(rc, json))
        .onFailure(rc::fail);
  }

  private void update(RoutingContext rc) {
    long id = Requests.id(rc, "brandId");
    Brand b = Brand.read(rc);
    ctx.audit().inTransaction(rc, conn -> conn
            .preparedQuery("UPDATE labor.brand SET name = $3, trade = $4, description = $5, training_standard = $6"
                + " WHERE id = $1 AND county_code = $2 RETURNING " + COLUMNS)
            .execute(b.tuple(id, Requests.county(rc).code()))
            .map(rows -> new Audited<>(Rows.one(rows, "劳务品牌", "brand"), AuditEntry.of("update", "brand", id))))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }
}
