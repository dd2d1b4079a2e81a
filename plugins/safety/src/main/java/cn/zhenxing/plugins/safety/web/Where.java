package cn.zhenxing.plugins.safety.web;

import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * A WHERE clause built from fixed column expressions and bound values: the SQL text only ever contains what the
 * code wrote, every value a client sent is a parameter ({@code $n}).
 */
public final class Where {

  private final StringBuilder sql = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  private Where() {
  }

  /** Starts with {@code <countyColumn> = $1}: every county query is restricted to its county first. */
  public static Where county(String column, String countyCode) {
    return new Where().and(column + " = $?", countyCode);
  }

  /** No condition yet ({@code TRUE}), for city-wide queries. */
  public static Where all() {
    return new Where();
  }

  /**
   * Adds a condition when {@code value} is not null; {@code $?} in {@code condition} stands for the value's
   * parameter.
   */
  public Where and(String condition, Object value) {
    if (value == null) {
      return this;
    }
    params.add(value);
    append(condition.replace("$?", "$" + params.size()));
    return this;
  }

  /** Adds a condition without a value. */
  public Where and(String condition) {
    append(condition);
    return this;
  }

  private void append(String condition) {
    sql.append(sql.length() == 0 ? " WHERE " : " AND ").append(condition);
  }

  /** The clause, starting with a space ({@code " WHERE ..."}), or empty. */
  public String sql() {
    return sql.toString();
  }

  /** The next parameter's placeholder ({@code $3}), for LIMIT and OFFSET after the conditions. */
  public String next(int ahead) {
    return "$" + (params.size() + ahead);
  }

  public Tuple params(Object... more) {
    List<Object> all = new ArrayList<>(params);
    all.addAll(List.of(more));
    return Tuple.from(all);
  }
}
