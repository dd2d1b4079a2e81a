package cn.zhenxing.plugins.monitoring.rule;

import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/** Finds the rule set in force and seeds Shanxi's published figures. */
public final class Rules {

  private final String province;

  public Rules(String province) {
    this.province = province;
  }

  public String province() {
    return province;
  }

  /**
   * The rule set for the year, or the latest earlier year's when the year has none yet (the new threshold is
   * published during the year; until then the old one applies).
   */
  public Future<RuleSet> inForce(SqlClient conn, int year) {
    return conn.preparedQuery("SELECT " + RuleSet.COLUMNS + " FROM monitoring.rule_set WHERE province = $1"
            + " AND year <= $2 ORDER BY year DESC LIMIT 1")
        .execute(Tuple.of(province, year))
        .map(rows -> {
          if (rows.size() == 0) {
            throw Problem.conflict("未配置 " + province + " 省 " + year + " 年的监测规则 / no monitoring rules for"
                + " province " + province + " and year " + year);
          }
          return RuleSet.of(rows.iterator().next());
        });
  }

  /**
   * Seed: Shanxi's monitoring income thresholds (防返贫监测范围, yuan per capita per year) and the usual expense
   * thresholds; the city edits them through {@code PUT /rules/{province}/{year}}. Never overwrites an edited row.
   */
  public static Future<Void> seed(SqlConnection conn, java.time.Instant now) {
    return conn.preparedQuery("INSERT INTO monitoring.rule_set (" + RuleSet.COLUMNS + ", updated_at, updated_by) VALUES"
            + " ('140000', 2023, 7100, 2, 5000, 10000, 2, 10000, 1, 10000, 3, 2, 1, $1, 'seed'),"
            + " ('140000', 2024, 7400, 2, 5000, 10000, 2, 10000, 1, 10000, 3, 2, 1, $1, 'seed'),"
            + " ('140000', 2025, 7700, 2, 5000, 10000, 2, 10000, 1, 10000, 3, 2, 1, $1, 'seed'),"
            + " ('140000', 2026, 8000, 2, 5000, 10000, 2, 10000, 1, 10000, 3, 2, 1, $1, 'seed')"
            + " ON CONFLICT (province, year) DO NOTHING")
        .execute(Tuple.of(now.atOffset(java.time.ZoneOffset.UTC)))
        .mapEmpty();
  }
}
