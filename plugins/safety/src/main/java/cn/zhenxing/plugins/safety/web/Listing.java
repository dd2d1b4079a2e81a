package cn.zhenxing.plugins.safety.web;

import cn.zhenxing.sdk.http.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.function.Function;

/** One page of a list in the platform's one list shape: the page's rows and the count of all matching rows. */
public final class Listing {

  private Listing() {
  }

  /**
   * @param from the FROM part with its joins ({@code "safety.hazard h JOIN safety.enterprise e ON ..."})
   * @param columns the select list
   * @param order the ORDER BY expression (ends with a unique column, so pages are stable)
   */
  public static Future<JsonObject> page(Pool pool, Page page, String columns, String from, Where where,
      String order, Function<Row, JsonObject> view) {
    Future<JsonArray> items = pool
        .preparedQuery("SELECT " + columns + " FROM " + from + where.sql() + " ORDER BY " + order
            + " LIMIT " + where.next(1) + " OFFSET " + where.next(2))
        .execute(where.params(page.limit(), page.offset()))
        .map(rows -> {
          JsonArray array = new JsonArray();
          rows.forEach(row -> array.add(view.apply(row)));
          return array;
        });
    Future<Long> total = pool.preparedQuery("SELECT count(*) FROM " + from + where.sql())
        .execute(where.params())
        .map(rows -> rows.iterator().next().getLong(0));
    return Future.all(items, total).map(done -> page.answer(items.result(), total.result()));
  }
}
