package cn.zhenxing.sdk.sql;

import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A list query's WHERE clause from optional filters, every value a client sent bound as a parameter: the SQL text
 * only ever holds what the code wrote. {@code $?} in a condition stands for the value's parameter.
 *
 * <pre>{@code
 * Where where = Where.county("h.county_code", county.code())      // every county list starts with its county
 *     .and("h.village = $?", q.text("village", 50, false))         // skipped when the filter is absent (null)
 *     .and("h.name LIKE $?", name == null ? null : name + "%");
 * where.list(pool, page, "h.id, h.name", "monitoring.household h", "h.id")    // the page in the list shape
 *     .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
 * }</pre>
 *
 * <p>Or by hand: {@code "SELECT …, count(*) OVER () AS " + Rows.TOTAL + " FROM …" + where.sql() + " ORDER BY …" +
 * where.page(page)}, executed with {@code where.params()}, answered with {@code Rows.page(page, rows)}.
 */
public final class Where {

  private final StringBuilder sql = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  private Where() {
  }

  /** Starts with {@code column = <county>}: another county's rows never come back. */
  public static Where county(String column, String countyCode) {
    return new Where().and(column + " = $?", countyCode);
  }

  /** No condition yet: for city-wide lists. */
  public static Where all() {
    return new Where();
  }

  /** Adds {@code condition} when {@code value} is not null, binding the value at its {@code $?}. */
  public Where and(String condition, Object value) {
    if (value != null) {
      append(condition.replace("$?", bind(value)));
    }
    return this;
  }

  /** Adds a condition that needs no value. */
  public Where and(String condition) {
    append(condition);
    return this;
  }

  /** Binds a value used elsewhere in the statement (a select-list expression) and answers its {@code $n}. */
  public String bind(Object value) {
    params.add(value);
    return "$" + params.size();
  }

  /** {@code " WHERE ..."}, or empty when there is no condition. */
  public String sql() {
    return sql.toString();
  }

  /** {@code " LIMIT $n OFFSET $m"} for the page, binding both; call after every other condition and binding. */
  public String page(Page page) {
    return " LIMIT " + bind(page.limit()) + " OFFSET " + bind(page.offset());
  }

  /**
   * Runs {@code SELECT columns FROM from <this> ORDER BY order} for one page and answers it in the list shape
   * ({@link Page#answer}), rows as {@link Rows#json}. The total is counted in the same statement; a page past the end
   * (no row to carry it) asks for the total on its own, so it is right on every page.
   */
  public Future<JsonObject> list(SqlClient client, Page page, String columns, String from, String order) {
    return list(client, page, columns, from, order, Rows::json);
  }

  /** {@link #list(SqlClient, Page, String, String, String)} with the plugin's own mapping of a row. */
  public Future<JsonObject> list(SqlClient client, Page page, String columns, String from, String order,
      Function<Row, JsonObject> mapper) {
    int filters = params.size();
    String sql = "SELECT " + columns + ", count(*) OVER () AS " + Rows.TOTAL + " FROM " + from + sql()
        + " ORDER BY " + order + page(page);
    return client.preparedQuery(sql).execute(params()).compose(rows -> {
      JsonArray items = new JsonArray();
      long total = 0;
      for (Row r : rows) {
        items.add(mapper.apply(r));
        total = r.getLong(Rows.TOTAL);
      }
      if (rows.size() > 0 || page.offset() == 0) {
        return Future.succeededFuture(page.answer(items, total));
      }
      // The same rows counted, select list included: a value bound there is then used (and typed) as in the page.
      return client.preparedQuery("SELECT count(*) FROM (SELECT " + columns + " FROM " + from + sql() + ") counted")
          .execute(Tuple.from(params.subList(0, filters)))
          .map(count -> page.answer(items, count.iterator().next().getLong(0)));
    });
  }

  /** The bound values, in order. */
  public Tuple params() {
    return Tuple.from(params);
  }

  private void append(String condition) {
    sql.append(sql.length() == 0 ? " WHERE " : " AND ").append(condition);
  }
}
