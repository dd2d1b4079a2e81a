package cn.zhenxing.plugins.ecommerce.metrics;

import cn.zhenxing.plugins.ecommerce.etown.EtownStatus;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.county.County;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The programme's figures per county, scraped as {@code zx_ecommerce_<name>{county="…"}}: e-towns by status (one
 * gauge with a {@code status} label: {@code zx_ecommerce_etowns{county="140724",status="accepted"}}), leaders
 * trained this year beside the city's target, last month's online sales, linked households and their income.
 */
public final class EcommerceMetrics {

  private final PluginContext ctx;

  public EcommerceMetrics(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void register() {
    ctx.metrics().countyGauge("etowns", "E-towns by status (candidate, cultivating, accepted)", "status",
        this::etownsByStatus);
    gauge("leaders", "E-commerce leaders registered",
        "SELECT county_code, count(*) AS v FROM ecommerce.leader GROUP BY county_code",
        today -> Tuple.tuple());
    gauge("leaders_trained", "Leaders who attended training this year (actual)",
        "SELECT a.county_code, count(DISTINCT a.leader_id) AS v FROM ecommerce.attendance a"
            + " JOIN ecommerce.training t ON t.id = a.training_id WHERE extract(year FROM t.held_on) = $1"
            + " GROUP BY a.county_code",
        today -> Tuple.of(today.getYear()));
    gauge("leaders_trained_target", "Leaders to be trained this year (target set by the city)",
        "SELECT county_code, leaders_trained AS v FROM ecommerce.training_target WHERE year = $1",
        today -> Tuple.of(today.getYear()));
    gauge("online_sales_last_month_yuan", "Online sales reported for last month (yuan)",
        "SELECT county_code, sum(sales_value) AS v FROM ecommerce.sales_report WHERE month = $1 GROUP BY county_code",
        today -> Tuple.of(today.withDayOfMonth(1).minusMonths(1)));
    gauge("online_sales_year_yuan", "Online sales reported for the months of this year (yuan)",
        "SELECT county_code, sum(sales_value) AS v FROM ecommerce.sales_report WHERE month >= $1"
            + " GROUP BY county_code",
        today -> Tuple.of(today.withDayOfYear(1)));
    gauge("sales_reports_missing", "Shops flagged late for last month and still not reported",
        "SELECT m.county_code, count(*) AS v FROM ecommerce.missing_report m WHERE m.month = $1 AND NOT EXISTS"
            + " (SELECT 1 FROM ecommerce.sales_report r WHERE r.shop_id = m.shop_id AND r.month = m.month)"
            + " GROUP BY m.county_code",
        today -> Tuple.of(today.withDayOfMonth(1).minusMonths(1)));
    gauge("linked_households", "Households linked to leaders (联农带农)",
        "SELECT county_code, count(DISTINCT person_index) AS v FROM ecommerce.linked_household GROUP BY county_code",
        today -> Tuple.tuple());
    gauge("household_income_gained_yuan", "Income gained by linked households (yuan)",
        "SELECT county_code, sum(income_gained) AS v FROM ecommerce.linked_household GROUP BY county_code",
        today -> Tuple.tuple());
  }

  private void gauge(String name, String description, String sql, Function<LocalDate, Tuple> params) {
    ctx.metrics().countyGauge(name, description,
        () -> query(sql, params.apply(LocalDate.now(ctx.clock().withZone(ctx.zone())))));
  }

  /**
   * Every county's count of e-towns in each status, zeros included, so that every county and status shows (a
   * labelled series missing from the answer would vanish from the scrape).
   */
  private Future<Map<String, ? extends Map<String, ? extends Number>>> etownsByStatus() {
    return ctx.pool().query("SELECT county_code, status, count(*) AS v FROM ecommerce.etown"
        + " GROUP BY county_code, status").execute().map(rows -> {
          Map<String, Map<String, Long>> values = new TreeMap<>();
          for (County county : ctx.counties().counties()) {
            if (!county.city()) {
              Map<String, Long> zero = new TreeMap<>();
              EtownStatus.codes().forEach(status -> zero.put(status, 0L));
              values.put(county.code(), zero);
            }
          }
          rows.forEach(r -> values.computeIfAbsent(r.getString("county_code"), c -> new TreeMap<>())
              .put(r.getString("status"), r.getLong("v")));
          return values;
        });
  }

  private Future<Map<String, ? extends Number>> query(String sql, Tuple params) {
    return ctx.pool().preparedQuery(sql).execute(params).map(rows -> {
      Map<String, Double> values = new TreeMap<>();
      rows.forEach(r -> values.put(r.getString("county_code"), r.getNumeric("v").doubleValue()));
      return values;
    });
  }
}
