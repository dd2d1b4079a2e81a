package cn.zhenxing.plugins.ecommerce.support;

import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A list query being built: {@code WHERE county_code = $1} plus the filters the query string names, each read with
 * {@link Fields#ofQuery} and bound as a parameter. Filters with bad values are collected and answered together as
 * one 422.
 */
public final class Lists {

  private final RoutingContext rc;
  private final List<Object> params = new ArrayList<>();
  private final StringBuilder where = new StringBuilder();
  private final Fields query;

  public Lists(RoutingContext rc, String countyColumn, String county) {
    this.rc = rc;
    this.query = Fields.ofQuery(rc);
    params.add(county);
    where.append(" WHERE ").append(countyColumn).append(" = $1");
  }

  /** Adds {@code AND <condition>} with {@code ?} standing for the filter's parameter, if the query names it. */
  public Lists text(String name, String condition) {
    return bind(condition, query.text(name, 200, false));
  }

  public Lists id(String name, String condition) {
    return integer(name, 1, Long.MAX_VALUE, condition);
  }

  public Lists integer(String name, long min, long max, String condition) {
    return bind(condition, query.integer(name, min, max, false));
  }

  /** A {@code yyyy-MM} filter, bound as the month's first day (how months are stored). */
  public Lists month(String name, String condition) {
    YearMonth month = query.month(name, false);
    return bind(condition, month == null ? null : month.atDay(1));
  }

  public Lists oneOf(String name, List<String> allowed, String condition) {
    return bind(condition, query.oneOf(name, allowed, false));
  }

  public Lists bool(String name, String condition) {
    return bind(condition, query.has(name) ? query.bool(name, false) : null);
  }

  /** Adds the condition for a filter given with a good value (a bad one is an error already recorded). */
  private Lists bind(String condition, Object value) {
    if (value != null) {
      params.add(value);
      where.append(" AND ").append(condition.replace("?", "$" + params.size()));
    }
    return this;
  }

  /** The WHERE clause built so far (validates the filters first: 422 naming each bad one). */
  public String where() {
    query.validate();
    return where.toString();
  }

  /**
   * Pages {@code select} (which must select {@code count(*) OVER () AS total}) and answers the platform's list
   * shape.
   */
  public io.vertx.core.Future<JsonObject> page(io.vertx.sqlclient.SqlClient client, String select, String orderBy,
      Function<Row, JsonObject> toJson) {
    Page page = Page.of(rc);
    String where = where();
    List<Object> paged = new ArrayList<>(params);
    paged.add(page.limit());
    paged.add(page.offset());
    String sql = select + where + " ORDER BY " + orderBy + " LIMIT $" + (paged.size() - 1) + " OFFSET $" + paged.size();
    return client.preparedQuery(sql).execute(io.vertx.sqlclient.Tuple.from(paged)).map((RowSet<Row> rows) -> {
      JsonArray items = new JsonArray();
      long total = 0;
      for (Row row : rows) {
        items.add(toJson.apply(row));
        total = row.getLong("total");
      }
      if (rows.size() == 0 && page.offset() > 0) {
        total = -1; // unknown past the end; counted below
      }
      return page.answer(items, total);
    }).compose(answer -> answer.getLong("total") >= 0 ? io.vertx.core.Future.succeededFuture(answer)
        : client.preparedQuery("SELECT count(*) AS n FROM (" + select + where + ") counted")
            .execute(io.vertx.sqlclient.Tuple.from(params))
            .map(rows -> answer.put("total", rows.iterator().next().getLong("n"))));
  }
}
