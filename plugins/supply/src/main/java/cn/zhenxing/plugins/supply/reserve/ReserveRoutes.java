package cn.zhenxing.plugins.supply.reserve;

import cn.zhenxing.plugins.supply.support.Products;
import cn.zhenxing.plugins.supply.support.Scope;
import cn.zhenxing.plugins.supply.support.Settings;
import cn.zhenxing.plugins.supply.support.Writes;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * 冬储: stock snapshots of a county's enterprises by product (own stock, or 厂商联储 jointly with a manufacturer),
 * the county's current reserve against its share of the city's 34,900 t target, and the city's summary.
 */
public final class ReserveRoutes {

  static final String COLUMNS = "r.id, r.county_code AS county, r.enterprise_id, e.name AS enterprise_name, r.product,"
      + " r.recorded_on, r.tonnes, r.joint_manufacturer, r.manufacturer, r.demo";
  static final String FROM = "supply.reserve_stock r JOIN supply.enterprise e ON e.id = r.enterprise_id";

  private final PluginContext ctx;
  private final Settings settings;
  private final Writes writes;

  public ReserveRoutes(PluginContext ctx, Settings settings) {
    this.ctx = ctx;
    this.settings = settings;
    this.writes = new Writes(ctx);
  }

  public void mountCounty(Router county) {
    county.get("/reserves").handler(this::list);
    county.post("/reserves").handler(this::create);
    county.get("/reserves/current").handler(this::current);
  }

  public void mountCity(Router city) {
    city.get("/reserves/summary").handler(this::summary);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields query = Fields.ofQuery(rc);
    String product = query.oneOf("product", Products.CODES, false);
    query.validate();
    Where where = Where.county("r.county_code", Scope.of(rc)).and("r.product = $?", product);
    where.list(ctx.pool(), page, COLUMNS, FROM, "r.recorded_on DESC, r.id DESC")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    String county = Scope.of(rc);
    Fields f = Fields.of(Requests.jsonBody(rc));
    Long enterprise = f.integer("enterpriseId", 1, Long.MAX_VALUE, true);
    String product = f.oneOf("product", Products.CODES, true);
    LocalDate on = f.date("recordedOn", true);
    BigDecimal tonnes = f.decimal("tonnes", BigDecimal.ZERO, new BigDecimal("10000000"), true);
    boolean joint = f.bool("jointManufacturer", false);
    String manufacturer = f.text("manufacturer", 100, false);
    f.check(joint || manufacturer == null, "manufacturer",
        "仅厂商联储填写厂家 / only for a joint manufacturer reserve (jointManufacturer true)");
    f.validate();
    writes.audited(rc, 201, "create", "reserve", conn -> conn
        .preparedQuery("INSERT INTO supply.reserve_stock (county_code, enterprise_id, product, recorded_on, tonnes,"
            + " joint_manufacturer, manufacturer) SELECT $1, e.id, $3, $4, $5, $6, $7 FROM supply.enterprise e"
            + " WHERE e.id = $2 AND e.county_code = $1 RETURNING id")
        .execute(Tuple.from(new Object[] {county, enterprise, product, on, tonnes, joint, manufacturer}))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(Problem.invalid("enterpriseId", "企业不存在或不属于本县区 / no such enterprise in this county"))
            : conn.preparedQuery("SELECT " + COLUMNS + " FROM " + FROM
                + " WHERE r.id = $1").execute(Tuple.of(rows.iterator().next().getLong("id"))))
        .map(rows -> Rows.json(rows.iterator().next())));
  }

  private void current(RoutingContext rc) {
    String county = Scope.of(rc);
    LocalDate on = day(rc);
    Future<JsonObject> figures = ReserveStock.on(ctx.pool(), on, county).map(rows -> {
      JsonArray products = new JsonArray();
      BigDecimal total = BigDecimal.ZERO;
      BigDecimal joint = BigDecimal.ZERO;
      for (Row row : rows) {
        total = total.add(row.getBigDecimal("tonnes"));
        joint = joint.add(row.getBigDecimal("joint_tonnes"));
        products.add(Rows.json(row));
      }
      return new JsonObject().put("county", county).put("on", on.toString()).put("tonnes", Rows.decimal(total))
          .put("jointTonnes", Rows.decimal(joint)).put("products", products);
    });
    Future<Map<String, BigDecimal>> targets = targets();
    Future.all(figures, targets).onSuccess(v -> {
      BigDecimal target = targets.result().getOrDefault(county, BigDecimal.ZERO);
      JsonObject answer = figures.result().put("target", Rows.decimal(target))
          .put("share", share(new BigDecimal(figures.result().getValue("tonnes").toString()), target))
          .put("inReservePeriod", settings.inReservePeriod(on));
      Answers.ok(rc, answer);
    }).onFailure(rc::fail);
  }

  private void summary(RoutingContext rc) {
    LocalDate on = day(rc);
    Future<Map<String, BigDecimal[]>> stock = ReserveStock.on(ctx.pool(), on, null).map(rows -> {
      Map<String, BigDecimal[]> map = new HashMap<>();
      for (Row row : rows) {
        BigDecimal[] t = map.computeIfAbsent(row.getString("county"),
            k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        t[0] = t[0].add(row.getBigDecimal("tonnes"));
        t[1] = t[1].add(row.getBigDecimal("joint_tonnes"));
      }
      return map;
    });
    Future<Map<String, BigDecimal>> targets = targets();
    Future.all(stock, targets).onSuccess(v -> {
      JsonArray counties = new JsonArray();
      BigDecimal total = BigDecimal.ZERO;
      BigDecimal joint = BigDecimal.ZERO;
      for (County c : ctx.counties().counties()) {
        BigDecimal[] t = stock.result().getOrDefault(c.code(), new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        BigDecimal target = targets.result().getOrDefault(c.code(), BigDecimal.ZERO);
        total = total.add(t[0]);
        joint = joint.add(t[1]);
        counties.add(new JsonObject().put("county", c.code()).put("name", c.nameZh())
            .put("tonnes", Rows.decimal(t[0])).put("jointTonnes", Rows.decimal(t[1]))
            .put("target", Rows.decimal(target)).put("share", share(t[0], target)));
      }
      BigDecimal cityTarget = targets.result().getOrDefault(County.CITY_CODE, BigDecimal.ZERO);
      Answers.ok(rc, new JsonObject().put("on", on.toString()).put("target", Rows.decimal(cityTarget))
          .put("tonnes", Rows.decimal(total)).put("jointTonnes", Rows.decimal(joint))
          .put("share", share(total, cityTarget)).put("inReservePeriod", settings.inReservePeriod(on))
          .put("counties", counties));
    }).onFailure(rc::fail);
  }

  private Future<Map<String, BigDecimal>> targets() {
    return ctx.pool().query("SELECT county_code, tonnes FROM supply.target WHERE kind = 'reserve'").execute()
        .map(rows -> {
          Map<String, BigDecimal> map = new HashMap<>();
          rows.forEach(r -> map.put(r.getString("county_code"), r.getBigDecimal("tonnes")));
          return map;
        });
  }

  private LocalDate day(RoutingContext rc) {
    Fields f = Fields.ofQuery(rc);
    LocalDate on = f.date("on", false);
    f.validate();
    return on != null ? on : LocalDate.ofInstant(ctx.clock().instant(), ctx.zone());
  }

  static BigDecimal share(BigDecimal part, BigDecimal whole) {
    return whole.signum() == 0 ? null : part.divide(whole, 4, RoundingMode.HALF_UP);
  }
}
