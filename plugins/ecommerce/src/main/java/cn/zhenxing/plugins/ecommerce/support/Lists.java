package cn.zhenxing.plugins.ecommerce.support;

import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A list query being built: {@code WHERE county_code = $1} plus the filters the query string names, each bound as a
 * parameter. Filters with bad values are collected and answered together as one 422.
 */
public final class Lists {

  private final RoutingContext rc;
  private final List<Object> params = new ArrayList<>();
  private final StringBuilder where = new StringBuilder();
  private final Fields errors = Fields.of(new JsonObject());

  public Lists(RoutingContext rc, String countyColumn, String county) {
    this.rc = rc;
    params.add(county);
    where.append(" WHERE ").append(countyColumn).append(" = $1");
  }

  /** Adds {@code AND <condition>} with {@code ?} standing for the filter's parameter, if the query names it. */
  public Lists text(String query, String condition) {
    String value = rc.queryParams().get(query);
    if (value != null && !value.isBlank()) {
      bind(condition, value.strip());
    }
    return this;
  }

  public Lists id(String query, String condition) {
    String value = rc.queryParams().get(query);
    if (value != null && !value.isBlank()) {
      try {
        bind(condition, Long.parseLong(value.strip()));
      } catch (NumberFormatException e) {
        errors.check(false, query, "应为整数 / must be a whole number");
      }
    }
    return this;
  }

  public Lists month(String query, String condition) {
    String value = rc.queryParams().get(query);
    if (value != null && !value.isBlank()) {
      var month = Months.parse(value.strip());
      errors.check(month != null, query, "月份格式应为 yyyy-MM / must be a month written yyyy-MM");
      if (month != null) {
        bind(condition, month);
      }
    }
    return this;
  }

  public Lists oneOf(String query, List<String> allowed, String condition) {
    String value = rc.queryParams().get(query);
    if (value != null && !value.isBlank()) {
      errors.check(allowed.contains(value.strip()), query, "取值应为 " + String.join("、", allowed) + " 之一 / must be one of "
          + String.join(", ", allowed));
      bind(condition, value.strip());
    }
    return this;
  }

  public Lists bool(String query, String condition) {
    String value = rc.queryParams().get(query);
    if (value != null && !value.isBlank()) {
      errors.check(value.equals("true") || value.equals("false"), query, "应为 true 或 false / must be true or false");
      bind(condition, Boolean.parseBoolean(value));
    }
    return this;
  }

  private void bind(String condition, Object value) {
    params.add(value);
    where.append(" AND ").append(condition.replace("?", "$" + params.size()));
  }

  /** The WHERE clause built so far (validates the filters first: 422 naming each bad one). */
  public String where() {
    errors.validate();
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
