package cn.zhenxing.plugins.labor.target;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The city's targets for the year — at least 98,000 alleviated labourers employed, 14,000 of them outside the
 * province — split across the 11 counties. The split is ours (the seed document gives only the city's totals): the
 * former poverty counties of the Taihang mountains (榆社, 左权, 和顺) carry more, the urban districts less, and the
 * counties whose brands send people outside the province (榆社古建维修, 左权家政服务) carry more of the 14,000.
 * The city edits it through {@code PUT /api/v1/labor/targets/{year}/{county}}.
 */
public final class TargetSeed {

  public static final int CITY_EMPLOYED = 98_000;
  public static final int CITY_OUTSIDE = 14_000;

  record Split(String county, int employed, int outside) {
  }

  static final List<Split> SPLIT = List.of(
      new Split("140702", 6_000, 800),     // 榆次区
      new Split("140703", 6_500, 900),     // 太谷区
      new Split("140721", 11_500, 1_700),  // 榆社县
      new Split("140722", 12_000, 1_900),  // 左权县
      new Split("140723", 11_000, 1_500),  // 和顺县
      new Split("140724", 9_500, 1_300),   // 昔阳县
      new Split("140725", 10_000, 1_400),  // 寿阳县
      new Split("140727", 7_000, 1_000),   // 祁县
      new Split("140728", 9_500, 1_300),   // 平遥县
      new Split("140729", 7_500, 1_100),   // 灵石县
      new Split("140781", 7_500, 1_100));  // 介休市

  private TargetSeed() {
  }

  /** The split for {@code year}, unless the year already has targets (the city's edits are kept). */
  public static Future<Void> insert(SqlConnection conn, int year, Instant now) {
    List<Tuple> rows = SPLIT.stream()
        .map(s -> Tuple.of(s.county(), year, s.employed(), s.outside(), now.atOffset(ZoneOffset.UTC))).toList();
    return conn.preparedQuery("INSERT INTO labor.county_target (county_code, year, employed_target, outside_target,"
            + " updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (county_code, year) DO NOTHING")
        .executeBatch(rows).mapEmpty();
  }
}
