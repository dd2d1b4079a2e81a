package cn.zhenxing.sdk.sql;

import cn.zhenxing.sdk.http.Page;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * A list query's WHERE clause from optional filters, every value a client sent bound as a parameter: the SQL text
 * only ever holds what the code wrote. {@code $?} in a condition stands for the value's parameter.
 *
 * <pre>{@code
 * Where where = Where.county("h.county_code", county.code())      // every county list starts with its county
 *     .and("h.village = $?", q.text("village", 50, false))         // skipped when the filter is absent (null)
 *     .and("h.name LIKE $?", name == null ? null : name + "%");
 * String sql = "SELECT h.id, h.name, count(*) OVER () AS " + Rows.TOTAL + " FROM monitoring.household h"
 *     + where.sql() + " ORDER BY h.id" + where.page(page);
 * pool.preparedQuery(sql).execute(where.params()).map(rows -> Rows.page(page, rows));
 * }</pre>
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

  /** The bound values, in order. */
  public Tuple params() {
    return Tuple.from(params);
  }

  private void append(String condition) {
    sql.append(sql.length() == 0 ? " WHERE " : " AND ").append(condition);
  }
}
