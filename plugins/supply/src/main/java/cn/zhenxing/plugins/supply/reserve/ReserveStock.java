package cn.zhenxing.plugins.supply.reserve;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;

/**
 * The reserve held on a day: for each enterprise, product and kind (own or 厂商联储) the latest snapshot recorded on
 * or before the day, summed per county and product.
 */
public final class ReserveStock {

  static final String CURRENT = "SELECT county_code AS county, product, sum(tonnes) AS tonnes,"
      + " coalesce(sum(tonnes) FILTER (WHERE joint_manufacturer), 0) AS joint_tonnes FROM ("
      + " SELECT DISTINCT ON (enterprise_id, product, joint_manufacturer) county_code, product, joint_manufacturer,"
      + " tonnes FROM supply.reserve_stock WHERE recorded_on <= $1 AND ($2::text IS NULL OR county_code = $2)"
      + " ORDER BY enterprise_id, product, joint_manufacturer, recorded_on DESC) latest"
      + " GROUP BY county_code, product ORDER BY county_code, product";

  private ReserveStock() {
  }

  /** Rows {@code county, product, tonnes, joint_tonnes} for one county, or all when {@code county} is null. */
  public static Future<RowSet<Row>> on(SqlClient db, LocalDate day, String county) {
    return db.preparedQuery(CURRENT).execute(Tuple.of(day, county));
  }
}
