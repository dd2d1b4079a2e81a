package cn.zhenxing.plugins.monitoring.support;

import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A filtered, paged list in the platform's one list shape. The query is built from fixed fragments; only values
 * travel as parameters.
 */
public final class Lists {

  private final StringBuilder where;
  private final List<Object> params = new ArrayList<>();

  /** A list of one county's rows; {@code countyColumn} is e.g. {@code h.county_code}. */
  public Lists(String countyColumn, String county) {
    params.add(county);
    where = new StringBuilder(countyColumn + " = $1");
  }

  /** Adds {@code clause} with the next parameter appended, when the value is given ({@code "h.village = $"}). */
  public Lists eq(String clause, Object value) {
    if (value != null) {
      params.add(value);
      where.append(" AND ").append(clause).append(params.size());
    }
    return this;
  }

  /** Adds a clause with the parameter's number substituted for every {@code ?}, when the value is given. */
  public Lists where(String clauseWithPlaceholders, Object value) {
    if (value != null) {
      params.add(value);
      where.append(" AND (").append(clauseWithPlaceholders.replace("?", "$" + params.size())).append(")");
    }
    return this;
  }

  /** Runs {@code SELECT <columns> FROM <from> WHERE ... ORDER BY <order>} for the page. */
  public Future<JsonObject> page(Pool pool, Page page, String columns, String from, String order,
      Function<Row, JsonObject> mapper) {
    String base = " FROM " + from + " WHERE " + where;
    List<Object> paged = new ArrayList<>(params);
    paged.add(page.limit());
    paged.add(page.offset());
    String sql = "SELECT " + columns + base + " ORDER BY " + order + " LIMIT $" + (paged.size() - 1) + " OFFSET $"
        + paged.size();
    Future<JsonArray> items = pool.preparedQuery(sql).execute(Tuple.from(paged)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(mapper.apply(r)));
      return out;
    });
    Future<Long> total = pool.preparedQuery("SELECT count(*) AS n" + base).execute(Tuple.from(params))
        .map(rows -> rows.iterator().next().getLong("n"));
    return Future.all(items, total).map(v -> page.answer(items.result(), total.result()));
  }

  /** A query parameter that must be one of the allowed values; 422 naming it otherwise; null when absent. */
  public static String oneOf(String field, String value, List<String> allowed) {
    String v = blankToNull(value);
    if (v != null && !allowed.contains(v)) {
      throw Problem.invalid(field, "取值应为 " + String.join("、", allowed) + " 之一 / must be one of "
          + String.join(", ", allowed));
    }
    return v;
  }

  public static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
