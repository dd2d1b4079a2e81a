package cn.zhenxing.plugins.supply.metrics;

import cn.zhenxing.plugins.supply.support.Settings;
import cn.zhenxing.sdk.PluginContext;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The plugin's county gauges, each target beside its actual. Per-product figures carry a {@code product} label
 * ({@code zx_supply_agreed_tonnes{county="140721",product="urea"}}), so a county's total is their sum; the latest
 * price is the county's mean over its points' latest reports of the product (one point per county in the seed).
 * A few queries answer every gauge: each is read at most once per refresh through {@link Shared}.
 */
public final class SupplyMetrics {

  private static final String AGREEMENTS = "SELECT a.county_code, a.product, sum(a.tonnes) AS agreed,"
      + " coalesce(sum(d.delivered), 0) AS delivered FROM supply.agreement a LEFT JOIN (SELECT agreement_id,"
      + " sum(tonnes) AS delivered FROM supply.delivery GROUP BY agreement_id) d ON d.agreement_id = a.id"
      + " GROUP BY a.county_code, a.product";
  private static final String TARGETS = "SELECT kind, county_code, tonnes FROM supply.target";
  private static final String RESERVES = "SELECT county_code, product, sum(tonnes) AS tonnes,"
      + " coalesce(sum(tonnes) FILTER (WHERE joint_manufacturer), 0) AS joint_tonnes FROM ("
      + " SELECT DISTINCT ON (enterprise_id, product, joint_manufacturer) county_code, product, joint_manufacturer,"
      + " tonnes FROM supply.reserve_stock WHERE recorded_on <= $1"
      + " ORDER BY enterprise_id, product, joint_manufacturer, recorded_on DESC) latest GROUP BY county_code, product";
  private static final String PRICES = "SELECT county_code, product, avg(retail_price) AS price FROM ("
      + " SELECT DISTINCT ON (r.point_id, l.product) r.county_code, l.product, l.retail_price"
      + " FROM supply.point_report r JOIN supply.report_line l ON l.report_id = r.id"
      + " ORDER BY r.point_id, l.product, r.period DESC) latest GROUP BY county_code, product";
  private static final String CASES = "SELECT county_code, count(*) AS n FROM supply.quality_case"
      + " WHERE status <> 'closed' GROUP BY county_code";
  private static final String SERVICES = "SELECT county_code, sum(times) AS times, sum(area_mu) AS area_mu,"
      + " sum(households) AS households FROM supply.farmer_service GROUP BY county_code";

  private final PluginContext ctx;
  private final Settings settings;

  public SupplyMetrics(PluginContext ctx, Settings settings) {
    this.ctx = ctx;
    this.settings = settings;
  }

  public void register() {
    Shared agreements = new Shared(() -> ctx.pool().query(AGREEMENTS).execute());
    Shared targets = new Shared(() -> ctx.pool().query(TARGETS).execute());
    Shared reserves = new Shared(() -> ctx.pool().preparedQuery(RESERVES)
        .execute(Tuple.of(LocalDate.ofInstant(ctx.clock().instant(), ctx.zone()))));
    Shared prices = new Shared(() -> ctx.pool().query(PRICES).execute());
    Shared cases = new Shared(() -> ctx.pool().query(CASES).execute());
    Shared services = new Shared(() -> ctx.pool().query(SERVICES).execute());

    byProduct("agreed_tonnes", "Tonnes under supply-guarantee agreements, by product", agreements, "agreed");
    byProduct("delivered_tonnes", "Tonnes delivered against agreements, by product", agreements, "delivered");
    gauge("agreement_target_tonnes", "County share of the city's agreement target (t)", targets,
        r -> r.getString("kind").equals("agreement"), "tonnes");
    byProduct("price", "Latest retail price (yuan/t) by product, mean over the county's points", prices, "price");
    gauge("reserve_tonnes", "Winter reserve held (t)", reserves, r -> true, "tonnes");
    gauge("reserve_joint_tonnes", "Winter reserve held jointly with manufacturers (t)", reserves, r -> true,
        "joint_tonnes");
    gauge("reserve_target_tonnes", "County share of the city's winter-reserve target (t)", targets,
        r -> r.getString("kind").equals("reserve"), "tonnes");
    gauge("open_quality_cases", "Counterfeit or substandard cases not closed", cases, r -> true, "n");
    gauge("services_times", "Services delivered to farmers (times)", services, r -> true, "times");
    gauge("services_area_mu", "Area served (mu)", services, r -> true, "area_mu");
    gauge("services_households", "Households served", services, r -> true, "households");
  }

  private void gauge(String name, String description, Shared source, java.util.function.Predicate<Row> rows,
      String column) {
    ctx.metrics().countyGauge(name, description, () -> source.get().map(sum(rows, column)));
  }

  /** A gauge with a {@code product} label: per county, per product, the sum of {@code column}. */
  private void byProduct(String name, String description, Shared source, String column) {
    ctx.metrics().countyGauge(name, description, "product", () -> source.get().map(rows -> {
      Map<String, Map<String, Double>> values = new HashMap<>();
      for (Row row : rows) {
        values.computeIfAbsent(row.getString("county_code"), c -> new HashMap<>())
            .merge(row.getString("product"), row.getNumeric(column).doubleValue(), Double::sum);
      }
      return values;
    }));
  }

  private static Function<RowSet<Row>, Map<String, ? extends Number>> sum(java.util.function.Predicate<Row> keep,
      String column) {
    return rows -> {
      Map<String, Double> values = new HashMap<>();
      for (Row row : rows) {
        if (keep.test(row)) {
          values.merge(row.getString("county_code"), row.getNumeric(column).doubleValue(), Double::sum);
        }
      }
      return values;
    };
  }

  /** One query's answer shared by the gauges of one refresh (they all ask within milliseconds). */
  private static final class Shared {
    private static final long FRESH_NANOS = 2_000_000_000L;
    private final Supplier<Future<RowSet<Row>>> query;
    private Future<RowSet<Row>> last;
    private long readAt;

    Shared(Supplier<Future<RowSet<Row>>> query) {
      this.query = query;
    }

    synchronized Future<RowSet<Row>> get() {
      long now = System.nanoTime();
      if (last == null || now - readAt > FRESH_NANOS || last.failed()) {
        last = query.get();
        readAt = now;
      }
      return last;
    }
  }
}
