package cn.zhenxing.plugins.supply.demo;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.county.CountyRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Demonstration data (only with ZX_DEMO_DATA=true), every row marked: {@code demo = true} and names beginning
 * 【演示】. Sizes follow the source: 23 enterprises over the 11 counties with one agreement each (about 63,000 t in
 * all), reserves of about 35,000 t, three months of reports from the 10 seeded points, and a season of quality work
 * and services. Where the city has not split the targets yet, they are split evenly so the demo shows progress.
 */
public final class DemoData {

  private static final List<String> STATEMENTS = List.of(
      "INSERT INTO supply.enterprise (county_code, kind, name, demo)"
          + " SELECT c.code, 'enterprise', '【演示】' || c.name || '农资经营企业' || lpad(i::text, 2, '0'), true"
          + " FROM generate_series(1, 23) i JOIN unnest($1::text[], $2::text[]) WITH ORDINALITY AS c (code, name, n)"
          + " ON c.n = (i - 1) % 11 + 1 ON CONFLICT DO NOTHING",
      "INSERT INTO supply.agreement (county_code, agreement_no, cooperative_id, enterprise_id, product, tonnes,"
          + " starts_on, ends_on, demo) SELECT e.county_code, '【演示】' || e.county_code || '-' || e.id, c.id, e.id,"
          + " (ARRAY['urea', 'compound', 'phosphate', 'potash'])[1 + e.id % 4], 1800 + (e.id * 613) % 1900,"
          + " date '2022-11-01', date '2023-05-31', true FROM supply.enterprise e"
          + " JOIN supply.cooperative c ON c.county_code = e.county_code WHERE e.demo ON CONFLICT DO NOTHING",
      "INSERT INTO supply.delivery (county_code, agreement_id, reference, delivered_on, tonnes, demo)"
          + " SELECT a.county_code, a.id, '【演示】D' || g, date '2022-11-15' + g * 30,"
          + " round(a.tonnes * (0.15 + (a.id % 5) * 0.02), 2), true FROM supply.agreement a, generate_series(1, 4) g"
          + " WHERE a.demo OR a.seed_key = 'city-provincial-fertilizer' ON CONFLICT DO NOTHING",
      "INSERT INTO supply.reserve_stock (county_code, enterprise_id, product, recorded_on, tonnes, joint_manufacturer,"
          + " manufacturer, demo) SELECT e.county_code, e.id, (ARRAY['urea', 'compound', 'phosphate', 'potash'])"
          + "[1 + (e.id + k) % 4], d::date, 600 + (e.id * 97 + k * 131) % 400 + extract(month FROM d)::int * 5,"
          + " e.id % 3 = 0 AND k = 1, CASE WHEN e.id % 3 = 0 AND k = 1 THEN '【演示】化肥生产厂' END, true"
          + " FROM supply.enterprise e, generate_series(0, 1) k,"
          + " generate_series(date '2022-11-30', date '2023-01-30', interval '1 month') d"
          + " WHERE e.demo ON CONFLICT DO NOTHING",
      "INSERT INTO supply.outlet (county_code, kind, name, township, village, demo)"
          + " SELECT c, CASE WHEN i <= 4 THEN 'service_centre' ELSE 'village_outlet' END,"
          + " '【演示】' || CASE WHEN i <= 4 THEN '第' || i || '镇惠农服务中心' ELSE '第' || (i % 4 + 1) || '镇'"
          + " || i || '村销售网点' END, '【演示】第' || CASE WHEN i <= 4 THEN i ELSE i % 4 + 1 END || '镇',"
          + " CASE WHEN i > 4 THEN '【演示】' || i || '村' END, true"
          + " FROM unnest($1::text[]) c, generate_series(1, 16) i ON CONFLICT DO NOTHING",
      "INSERT INTO supply.point_report (county_code, point_id, period, submitted_at, late, demo)"
          + " SELECT p.county_code, p.id, m::date, m + (8 + (p.id * 3 + extract(month FROM m)::int) % 10) * interval"
          + " '1 day', 9 + (p.id * 3 + extract(month FROM m)::int) % 10 > 15, true FROM supply.monitoring_point p,"
          + " generate_series(date '2023-03-01', date '2023-05-01', interval '1 month') m"
          + " WHERE p.seed_key IS NOT NULL ON CONFLICT DO NOTHING",
      "INSERT INTO supply.report_line (report_id, product, retail_price, cumulative_sales, stock, purchases)"
          + " SELECT r.id, pr.code, pr.base + (r.point_id % 7) * 20 + extract(month FROM r.period)::int * 15,"
          + " 200 + (r.point_id * 37) % 300 + extract(month FROM r.period)::int * 60, 150 + (r.point_id * 53) % 200,"
          + " 120 + (r.point_id * 29) % 150 FROM supply.point_report r, (VALUES ('urea', 2600), ('compound', 3200),"
          + " ('phosphate', 1500), ('potash', 3800)) AS pr (code, base) WHERE r.demo ON CONFLICT DO NOTHING",
      "INSERT INTO supply.inspection (county_code, inspected_on, place_kind, place_name, products, samples, result,"
          + " demo) SELECT c, date '2023-03-01' + i * 9, (ARRAY['enterprise', 'service_centre', 'village_outlet',"
          + " 'market'])[1 + i % 4], '【演示】检查点' || i, ARRAY['compound', 'seed'], 2 + i % 4,"
          + " CASE WHEN i = 3 THEN 'unqualified' ELSE 'qualified' END, true"
          + " FROM unnest($1::text[]) c, generate_series(1, 5) i",
      "INSERT INTO supply.quality_case (county_code, opened_on, kind, product, party, description, inspection_id,"
          + " status, closed_on, demo) SELECT i.county_code, i.inspected_on + 2, 'substandard', 'compound',"
          + " '【演示】经营户', '【演示】抽检复合肥养分含量不足 / nutrient content below the label', i.id,"
          + " CASE WHEN i.id % 2 = 0 THEN 'closed' ELSE 'investigating' END,"
          + " CASE WHEN i.id % 2 = 0 THEN i.inspected_on + 20 END, true"
          + " FROM supply.inspection i WHERE i.demo AND i.result = 'unqualified'",
      "INSERT INTO supply.publicity_event (county_code, held_on, title, place, participants, materials, demo)"
          + " SELECT c, date '2023-03-15' + i * 20, '【演示】放心农资识假辨假宣传' || i, '【演示】集市', 80 + i * 35,"
          + " 300 + i * 100, true FROM unnest($1::text[]) c, generate_series(1, 2) i",
      "INSERT INTO supply.farmer_service (county_code, kind, served_on, township, provider, times, area_mu,"
          + " households, demo) SELECT c, k, date '2023-03-05' + i * 14, '【演示】第' || i || '镇', '【演示】庄稼医院',"
          + " 1 + i, 500 + i * 320 + length(k) * 10, 40 + i * 25, true FROM unnest($1::text[]) c,"
          + " unnest(ARRAY['soil_testing', 'pest_control', 'training', 'custom_ploughing']) k, generate_series(1, 3) i",
      "INSERT INTO supply.target (kind, county_code, tonnes) SELECT t.kind, c, round(t.tonnes / 11, 2)"
          + " FROM supply.target t, unnest($1::text[]) c WHERE t.county_code = '140700'"
          + " AND NOT EXISTS (SELECT 1 FROM supply.target s WHERE s.kind = t.kind AND s.county_code <> '140700')"
          + " ON CONFLICT DO NOTHING");

  private DemoData() {
  }

  public static Future<Void> insert(SqlConnection conn, CountyRegistry registry) {
    String[] codes = registry.counties().stream().map(County::code).toArray(String[]::new);
    String[] names = registry.counties().stream().map(County::nameZh).toArray(String[]::new);
    Future<Void> chain = Future.succeededFuture();
    for (String sql : STATEMENTS) {
      int params = sql.contains("$2") ? 2 : sql.contains("$1") ? 1 : 0;
      Tuple tuple = params == 2 ? Tuple.tuple().addValue(codes).addValue(names)
          : params == 1 ? Tuple.tuple().addValue(codes) : Tuple.tuple();
      chain = chain.compose(v -> conn.preparedQuery(sql).execute(tuple).mapEmpty());
    }
    return chain;
  }
}
