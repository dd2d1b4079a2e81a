package cn.zhenxing.plugins.supply.sheets;

import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Rules a column type cannot state (a reference to another row, a date inside an agreement's period), checked on
 * the staged rows before merging: the first offending rows fail the whole import, naming their Excel rows.
 */
final class SheetChecks {

  private SheetChecks() {
  }

  /** Fails with {@code reason} and the row numbers when {@code sql} (selecting {@code row_no}) finds any. */
  static Future<Void> none(SqlConnection conn, String sql, String field, String reason) {
    return conn.query(sql + " ORDER BY row_no LIMIT 20").execute().compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture();
      }
      StringBuilder numbers = new StringBuilder();
      rows.forEach(r -> numbers.append(numbers.length() == 0 ? "" : ", ").append(r.getInteger("row_no")));
      return Future.failedFuture(Problem.invalid(field, "第 " + numbers + " 行" + reason));
    });
  }
}
