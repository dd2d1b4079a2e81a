package cn.zhenxing.plugins.labor.metrics;

import cn.zhenxing.plugins.labor.employment.EmploymentCounts;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.metrics.PluginMetrics;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The plugin's gauges, each per county, so a city administrator sees every county's progress: each target beside its
 * actual, training (also per brand), placements by intermediaries and how many 雨露计划+ graduates are employed.
 */
public final class LaborMetrics {

  private final PluginContext ctx;

  public LaborMetrics(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void register(PluginMetrics metrics) {
    metrics.countyGauge("employed", "务工就业脱贫劳动力（人，今日）/ Alleviated labourers employed today",
        () -> employed(EmploymentCounts.Figures::employed));
    metrics.countyGauge("employed_target", "务工就业目标（人，本年）/ Employment target of the year",
        () -> target("employed_target"));
    metrics.countyGauge("outside_employed", "省外务工就业（人，今日）/ Employed outside the province today",
        () -> employed(EmploymentCounts.Figures::outside));
    metrics.countyGauge("outside_employed_target", "省外务工就业目标（人，本年）/ Outside-province target of the year",
        () -> target("outside_target"));
    metrics.countyGauge("trainees", "技能培训学员（人次）/ Trainees enrolled",
        () -> perCounty("SELECT county_code, count(*) AS n FROM labor.trainee GROUP BY county_code"));
    metrics.countyGauge("training_completions", "技能培训结业（人次）/ Trainees who completed",
        () -> perCounty("SELECT county_code, count(*) AS n FROM labor.trainee WHERE completed_on IS NOT NULL"
            + " GROUP BY county_code"));
    metrics.countyGauge("brand_trainees", "劳务品牌培训学员（人次）/ Trainees of each brand's courses", "brand",
        () -> byBrand("count(t.id)"));
    metrics.countyGauge("brand_training_completions", "劳务品牌培训结业（人次）/ Completions of each brand's courses",
        "brand", () -> byBrand("count(t.completed_on)"));
    metrics.countyGauge("intermediary_placements", "中介组织促成就业（人次）/ Placements made by intermediaries",
        () -> perCounty("SELECT county_code, count(*) AS n FROM labor.employment WHERE found_via = 'intermediary'"
            + " GROUP BY county_code"));
    // Intermediaries are a county's few registered organisations, unique by name within it: a bounded label.
    metrics.countyGauge("placements_by_intermediary", "各中介组织促成就业（人次）/ Placements made by each intermediary",
        "intermediary", () -> ctx.pool().query("SELECT i.county_code, i.name, count(e.id) AS n"
                + " FROM labor.intermediary i LEFT JOIN labor.employment e ON e.intermediary_id = i.id"
                + " GROUP BY i.county_code, i.name").execute()
            .map(rows -> {
              Map<String, Map<String, Number>> values = new TreeMap<>();
              rows.forEach(r -> values.computeIfAbsent(r.getString("county_code"), c -> new TreeMap<>())
                  .put(r.getString("name"), r.getLong("n")));
              return values;
            }));
    metrics.countyGauge("graduates", "雨露计划+毕业生（人）/ 雨露计划+ graduates",
        () -> perCounty("SELECT county_code, count(*) AS n FROM labor.graduate GROUP BY county_code"));
    metrics.countyGauge("graduates_employed_ratio", "雨露计划+毕业生就业率（0–1）/ Share of graduates employed",
        () -> perCounty("SELECT county_code, avg((placement_status = 'employed')::int) AS n FROM labor.graduate"
            + " GROUP BY county_code"));
  }

  private Future<Map<String, ? extends Number>> employed(Function<EmploymentCounts.Figures, Long> figure) {
    return EmploymentCounts.byCounty(ctx.pool(), today()).map(byCounty -> {
      Map<String, Long> values = new TreeMap<>();
      byCounty.forEach((county, f) -> values.put(county, figure.apply(f)));
      return values;
    });
  }

  private Future<Map<String, ? extends Number>> target(String column) {
    // column is one of two constants above, never input.
    return ctx.pool().preparedQuery("SELECT county_code, " + column + " AS n FROM labor.county_target WHERE year = $1")
        .execute(Tuple.of(today().getYear()))
        .map(LaborMetrics::toMap);
  }

  /** Per county, per brand (by name: a county has a handful): {@code aggregate} over the brand's trainees. */
  private Future<Map<String, ? extends Map<String, ? extends Number>>> byBrand(String aggregate) {
    // aggregate is one of two constants above, never input.
    return ctx.pool().query("SELECT b.county_code, b.name, " + aggregate + " AS n FROM labor.brand b"
            + " JOIN labor.course c ON c.brand_id = b.id JOIN labor.training_session s ON s.course_id = c.id"
            + " LEFT JOIN labor.trainee t ON t.session_id = s.id GROUP BY b.county_code, b.name").execute()
        .map(rows -> {
          Map<String, Map<String, Number>> values = new TreeMap<>();
          rows.forEach(r -> values.computeIfAbsent(r.getString("county_code"), c -> new TreeMap<>())
              .put(r.getString("name"), r.getLong("n")));
          return values;
        });
  }

  private Future<Map<String, ? extends Number>> perCounty(String sql) {
    return ctx.pool().query(sql).execute().map(LaborMetrics::toMap);
  }

  private static Map<String, Number> toMap(RowSet<Row> rows) {
    Map<String, Number> values = new TreeMap<>();
    rows.forEach(r -> values.put(r.getString("county_code"), r.getNumeric("n")));
    return values;
  }

  /** Today in the city: the platform clock (tests move it) read in the platform's zone. */
  private LocalDate today() {
    return LocalDate.now(ctx.clock().withZone(ctx.zone()));
  }
}
