package cn.zhenxing.plugins.supply.quality;

import cn.zhenxing.plugins.supply.support.Products;
import cn.zhenxing.plugins.supply.support.Scope;
import cn.zhenxing.plugins.supply.support.Writes;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** 放心农资 inspections by the supply task forces: where, what was sampled, and the result. */
public final class InspectionRoutes {

  static final String COLUMNS = "id, county_code AS county, inspected_on, place_kind, place_name, products, samples, result,"
      + " note, demo";
  static final List<String> PLACES = List.of("enterprise", "service_centre", "village_outlet", "market");
  static final List<String> RESULTS = List.of("qualified", "unqualified", "pending");

  private final PluginContext ctx;
  private final Writes writes;

  public InspectionRoutes(PluginContext ctx) {
    this.ctx = ctx;
    this.writes = new Writes(ctx);
  }

  public void mount(Router county) {
    county.get("/inspections").handler(this::list);
    county.post("/inspections").handler(this::create);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields query = Fields.ofQuery(rc);
    String result = query.text("result", 20, false);
    query.validate();
    Where where = Where.county("county_code", Scope.of(rc)).and("result = $?", result);
    where.list(ctx.pool(), page, COLUMNS, "supply.inspection", "inspected_on DESC, id DESC")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    Fields f = Fields.of(Requests.jsonBody(rc));
    LocalDate on = f.date("inspectedOn", true);
    String place = f.oneOf("placeKind", PLACES, true);
    String name = f.text("placeName", 100, true);
    JsonArray sampled = f.array("products", Products.CODES.size(), true);
    List<String> products = new ArrayList<>();
    for (int i = 0; i < sampled.size(); i++) {
      Object p = sampled.getValue(i);
      f.check(p instanceof String s && Products.CODES.contains(s), "products[" + i + "]",
          "未知品种 / unknown product");
      products.add(String.valueOf(p));
    }
    Long samples = f.integer("samples", 0, 100000, true);
    String result = f.oneOf("result", RESULTS, true);
    String note = f.text("note", 500, false);
    f.validate();
    writes.audited(rc, 201, "create", "inspection", conn -> conn
        .preparedQuery("INSERT INTO supply.inspection (county_code, inspected_on, place_kind, place_name, products,"
            + " samples, result, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + COLUMNS)
        .execute(Tuple.from(new Object[] {Scope.of(rc), on, place, name, products.toArray(String[]::new),
            samples.intValue(), result, note}))
        .map(rows -> Rows.json(rows.iterator().next())));
  }
}
