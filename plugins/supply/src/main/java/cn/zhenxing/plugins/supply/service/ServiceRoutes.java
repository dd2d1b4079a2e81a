package cn.zhenxing.plugins.supply.service;

import cn.zhenxing.plugins.supply.support.Scope;
import cn.zhenxing.plugins.supply.support.Writes;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Services to farmers: 测土施肥 (soil_testing), 统防统治 (pest_control), 技术培训 (training), 代耕代种
 * (custom_ploughing) — how many times, the area in mu and the households served; with totals per kind.
 */
public final class ServiceRoutes {

  public static final List<String> KINDS = List.of("soil_testing", "pest_control", "training", "custom_ploughing");
  static final String COLUMNS = "id, county_code AS county, kind, served_on, township, provider, times, area_mu, households, demo";
  static final String SUMMARY = "SELECT county_code AS county, kind, count(*) AS records, sum(times) AS times,"
      + " sum(area_mu) AS area_mu, sum(households) AS households FROM supply.farmer_service";

  private final PluginContext ctx;
  private final Writes writes;

  public ServiceRoutes(PluginContext ctx) {
    this.ctx = ctx;
    this.writes = new Writes(ctx);
  }

  public void mountCounty(Router county) {
    county.get("/services").handler(this::list);
    county.post("/services").handler(this::create);
    county.get("/services/summary").handler(this::summary);
  }

  public void mountCity(Router city) {
    city.get("/services/summary").handler(this::summary);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields query = Fields.ofQuery(rc);
    String kind = query.oneOf("kind", KINDS, false);
    query.validate();
    Where where = Where.county("county_code", Scope.of(rc)).and("kind = $?", kind);
    where.list(ctx.pool(), page, COLUMNS, "supply.farmer_service", "served_on DESC, id DESC")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    Fields f = Fields.of(Requests.jsonBody(rc));
    String kind = f.oneOf("kind", KINDS, true);
    LocalDate on = f.date("servedOn", true);
    String township = f.text("township", 50, false);
    String provider = f.text("provider", 100, false);
    Long times = f.integer("times", 1, 100_000, true);
    BigDecimal area = f.decimal("areaMu", BigDecimal.ZERO, new BigDecimal("10000000"), true);
    Long households = f.integer("households", 0, 1_000_000, true);
    f.validate();
    writes.audited(rc, 201, "create", "farmer-service", conn -> conn
        .preparedQuery("INSERT INTO supply.farmer_service (county_code, kind, served_on, township, provider, times,"
            + " area_mu, households) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + COLUMNS)
        .execute(Tuple.from(new Object[] {Scope.of(rc), kind, on, township, provider, times.intValue(), area,
            households.intValue()}))
        .map(rows -> Rows.json(rows.iterator().next())));
  }

  private void summary(RoutingContext rc) {
    String scope = Scope.of(rc);
    Fields f = Fields.ofQuery(rc);
    LocalDate from = f.date("from", false);
    LocalDate to = f.date("to", false);
    f.validate();
    Where where = Where.all().and("county_code = $?", Scope.isCity(scope) ? null : scope)
        .and("served_on >= $?", from).and("served_on <= $?", to);
    ctx.pool().preparedQuery(SUMMARY + where.sql() + " GROUP BY county_code, kind ORDER BY county_code, kind")
        .execute(where.params())
        .onSuccess(rows -> Answers.ok(rc, new io.vertx.core.json.JsonObject().put("items", Rows.array(rows))))
        .onFailure(rc::fail);
  }
}
