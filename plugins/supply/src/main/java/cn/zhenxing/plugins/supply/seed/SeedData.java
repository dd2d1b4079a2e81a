package cn.zhenxing.plugins.supply.seed;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.county.CountyRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;

/**
 * The reference data of the source (seed/000_b1cf4836056c9cb8.txt), inserted at every start and never twice:
 *
 * <ul>
 *   <li>the city cooperative and the 11 county cooperatives (市供销社, 11个县（区、市）供销社);</li>
 *   <li>the provincial agri-supplies group (省农资集团) and the city's 20,000 t fertilizer agreement with it; the
 *       source says only 去冬今春, so the period 2022-11-01 to 2023-05-31 is an assumption the city can edit;</li>
 *   <li>the city targets 63,000 t (county agreements, with 23 enterprises the source does not name — none is
 *       invented) and 34,900 t (winter reserve), each to be split over the counties by the city;</li>
 *   <li>the 10 monitoring points, which the source does not name or place: one per county for the first ten
 *       counties in code order, named after the county, as configuration each county edits.</li>
 * </ul>
 *
 * Seed rows carry a {@code seed_key}, so a county renaming its point or the city editing the agreement is not undone
 * at the next start.
 */
public final class SeedData {

  public static final String CITY_AGREEMENT_NO = "市供销社-省农资集团-化肥保供";
  static final LocalDate CITY_AGREEMENT_START = LocalDate.of(2022, 11, 1);
  static final LocalDate CITY_AGREEMENT_END = LocalDate.of(2023, 5, 31);
  public static final int MONITORING_POINTS = 10;

  private SeedData() {
  }

  public static Future<Void> insert(SqlConnection conn, CountyRegistry registry) {
    List<County> counties = registry.counties();
    String[] codes = counties.stream().map(County::code).toArray(String[]::new);
    String[] names = counties.stream().map(c -> c.nameZh() + "供销合作社").toArray(String[]::new);
    String[] pointCodes = counties.stream().limit(MONITORING_POINTS).map(County::code).toArray(String[]::new);
    String[] pointNames = counties.stream().limit(MONITORING_POINTS).map(c -> c.nameZh() + "农资监测点")
        .toArray(String[]::new);
    return conn.preparedQuery("INSERT INTO supply.cooperative (county_code, level, name)"
            + " VALUES ('140700', 'city', '晋中市供销合作社') ON CONFLICT DO NOTHING").execute()
        .compose(v -> conn.preparedQuery("INSERT INTO supply.cooperative (county_code, level, name)"
                + " SELECT code, 'county', name FROM unnest($1::text[], $2::text[]) AS t (code, name)"
                + " ON CONFLICT DO NOTHING")
            .execute(Tuple.tuple().addValue(codes).addValue(names)))
        .compose(v -> conn.preparedQuery("INSERT INTO supply.enterprise (county_code, kind, name, seed_key)"
                + " VALUES ('140700', 'provincial_group', '省农资集团', 'provincial-group') ON CONFLICT DO NOTHING")
            .execute())
        .compose(v -> conn.preparedQuery("INSERT INTO supply.agreement (county_code, agreement_no, cooperative_id,"
                + " enterprise_id, product, tonnes, starts_on, ends_on, seed_key)"
                + " SELECT '140700', $1, c.id, e.id, 'fertilizer', 20000, $2, $3, 'city-provincial-fertilizer'"
                + " FROM supply.cooperative c, supply.enterprise e"
                + " WHERE c.county_code = '140700' AND e.seed_key = 'provincial-group' ON CONFLICT DO NOTHING")
            .execute(Tuple.of(CITY_AGREEMENT_NO, CITY_AGREEMENT_START, CITY_AGREEMENT_END)))
        .compose(v -> conn.preparedQuery("INSERT INTO supply.target (kind, county_code, tonnes) VALUES"
            + " ('agreement', '140700', 63000), ('reserve', '140700', 34900) ON CONFLICT DO NOTHING").execute())
        .compose(v -> conn.preparedQuery("INSERT INTO supply.monitoring_point (county_code, name, seed_key)"
                + " SELECT code, name, 'point-' || code FROM unnest($1::text[], $2::text[]) AS t (code, name)"
                + " ON CONFLICT DO NOTHING")
            .execute(Tuple.tuple().addValue(pointCodes).addValue(pointNames)))
        .mapEmpty();
  }
}
