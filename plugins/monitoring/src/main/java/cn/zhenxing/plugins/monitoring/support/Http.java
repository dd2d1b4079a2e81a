package cn.zhenxing.plugins.monitoring.support;

import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.function.Function;

/** Small helpers every route of the plugin shares. */
public final class Http {

  private Http() {
  }

  /** Who acts, for history rows and procedure steps. */
  public static String actor(RoutingContext rc) {
    return Requests.principal(rc).username();
  }

  public static String county(RoutingContext rc) {
    return Requests.county(rc).code();
  }

  /**
   * One page of {@code SELECT <columns> FROM <from> <where> ORDER BY <order>} in the platform's list shape, the total
   * from the same statement ({@link Rows#TOTAL}). The rows keep the plugin's own JSON mapping, whose field names
   * the API already documents.
   */
  public static Future<JsonObject> page(SqlClient client, Page page, String columns, String from, Where where,
      String order, Function<Row, JsonObject> mapper) {
    String sql = "SELECT " + columns + ", count(*) OVER () AS " + Rows.TOTAL + " FROM " + from + where.sql()
        + " ORDER BY " + order + where.page(page);
    return client.preparedQuery(sql).execute(where.params()).map(rows -> {
      JsonArray items = new JsonArray();
      long total = 0;
      for (Row r : rows) {
        items.add(mapper.apply(r));
        total = r.getLong(Rows.TOTAL);
      }
      return page.answer(items, total);
    });
  }
}
