package cn.zhenxing.plugins.ecommerce.support;

import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules of an import the SDK's column checks cannot know (a shop or leader that must exist in the county, a figure
 * that may not be negative): run before the merge's insert, each fails the whole import, naming the rows.
 *
 * <p>The SDK has no way yet for a merge to report row errors, so the core records such an import as {@code failed}
 * with its generic message and logs this one; nothing is written either way.
 */
public final class SheetChecks {

  private SheetChecks() {
  }

  /** Fails with {@code reason} if {@code sql} (selecting {@code row_no}) finds any row. */
  public static Future<Void> none(SqlConnection conn, String sql, Tuple params, String column, String reason) {
    return conn.preparedQuery(sql + " ORDER BY row_no LIMIT 20").execute(params).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture();
      }
      List<Integer> rowNos = new ArrayList<>();
      for (Row r : rows) {
        rowNos.add(r.getInteger("row_no"));
      }
      return Future.failedFuture(Problem.invalid(column, "第 " + rowNos + " 行：" + reason));
    });
  }
}
