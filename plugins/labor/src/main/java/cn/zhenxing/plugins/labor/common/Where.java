package cn.zhenxing.plugins.labor.common;

import cn.zhenxing.sdk.http.Page;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * A list's WHERE clause built from optional filters, every value bound as a parameter: {@code
 * Where.county("l.county_code", code).and("l.village = ?", village)}. The {@code ?} becomes the next {@code $n}.
 */
public final class Where {

  private final StringBuilder sql = new StringBuilder(" WHERE ");
  private final List<Object> params = new ArrayList<>();

  private Where() {
  }

  /** Every list starts with its county: another county's rows never come back. */
  public static Where county(String column, String countyCode) {
    Where w = new Where();
    w.params.add(countyCode);
    w.sql.append(column).append(" = $1");
    return w;
  }

  /** Adds the condition when {@code value} is not null. */
  public Where and(String condition, Object value) {
    if (value != null) {
      params.add(value);
      sql.append(" AND ").append(condition.replace("?", "$" + params.size()));
    }
    return this;
  }

  /** Binds a value the select list needs (not a filter) and answers its placeholder, {@code $n}. */
  public String bind(Object value) {
    params.add(value);
    return "$" + params.size();
  }

  /** Adds a condition without a value. */
  public Where and(String condition) {
    sql.append(" AND ").append(condition);
    return this;
  }

  public String sql() {
    return sql.toString();
  }

  /** {@code LIMIT $n OFFSET $m} for the page. Call last: it adds the page's two parameters. */
  public String limit(Page page) {
    params.add(page.limit());
    params.add(page.offset());
    return " LIMIT $" + (params.size() - 1) + " OFFSET $" + params.size();
  }

  public Tuple params() {
    return Tuple.from(params);
  }
}
