package cn.zhenxing.plugins.labor.common;

import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Checks that a row a request refers to exists in the request's county, so the 422 names the request's field
 * (the composite foreign keys would refuse it too, but in database terms).
 */
public final class References {

  private References() {
  }

  /**
   * @param table a schema-qualified table of this plugin with {@code id} and {@code county_code} (a constant, never
   *              input)
   */
  public static Future<Void> exist(SqlConnection conn, String table, Long id, String county, String field,
      String reason) {
    if (id == null) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery("SELECT 1 FROM " + table + " WHERE id = $1 AND county_code = $2")
        .execute(Tuple.of(id, county))
        .map(rows -> {
          if (rows.size() == 0) {
            throw Problem.invalid(field, reason);
          }
          return null;
        });
  }
}
