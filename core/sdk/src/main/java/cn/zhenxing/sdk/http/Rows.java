package cn.zhenxing.sdk.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.Locale;

/**
 * Result rows as the JSON the API answers, the same way in every plugin: each column under its camelCase name (so the
 * API's field names follow the SQL's aliases and never drift from them), dates as ISO text ({@code 2023-05-26}),
 * timestamps as UTC instants, decimals exact without noise digits ({@code 20000.00} → {@code 20000}, {@code 12.50} →
 * {@code 12.5}), arrays as arrays. Select only what may be shown: the masked ID number, never its cipher or index.
 *
 * <pre>{@code
 * Page page = Page.of(rc);
 * pool.preparedQuery("SELECT id, name, id_masked, count(*) OVER () AS " + Rows.TOTAL + " FROM labor.labourer"
 *         + " WHERE county_code = $1 ORDER BY id LIMIT $2 OFFSET $3")
 *     .execute(Tuple.of(county, page.limit(), page.offset()))
 *     .onSuccess(rows -> Answers.ok(rc, Rows.page(page, rows)));
 * }</pre>
 *
 * <p>{@link cn.zhenxing.sdk.sql.Where#list} does the same for a list with filters, and keeps the total right on a
 * page past the end (where {@link #page} reads 0: no row carries the count).
 */
public final class Rows {

  /** The column a list query adds ({@code count(*) OVER () AS total_count}) to answer its total in one statement. */
  public static final String TOTAL = "total_count";

  private Rows() {
  }

  /** One row; the {@value #TOTAL} column is left out. */
  public static JsonObject json(Row row) {
    JsonObject json = new JsonObject();
    for (int i = 0; i < row.size(); i++) {
      String column = row.getColumnName(i);
      if (!column.equals(TOTAL)) {
        json.put(camel(column), value(row.getValue(i)));
      }
    }
    return json;
  }

  /** Every row. */
  public static JsonArray array(RowSet<Row> rows) {
    JsonArray items = new JsonArray();
    rows.forEach(r -> items.add(json(r)));
    return items;
  }

  /**
   * The only row, or a 404 naming what was looked for ({@code "劳动力", "labourer"}) — also the answer for another
   * county's row, which a query filtered by county does not find.
   */
  public static JsonObject one(RowSet<Row> rows, String whatZh, String whatEn) {
    if (rows.size() == 0) {
      throw Problem.notFound(whatZh + "不存在 / No such " + whatEn);
    }
    return json(rows.iterator().next());
  }

  /** A page answer ({@link Page#answer}) from rows that carry the {@value #TOTAL} column (0 on an empty page). */
  public static JsonObject page(Page page, RowSet<Row> rows) {
    long total = rows.size() == 0 ? 0 : rows.iterator().next().getLong(TOTAL);
    return page.answer(array(rows), total);
  }

  /** A decimal without noise digits: 20000.00 as 20000 and 12.50 as 12.5, exactly. */
  public static BigDecimal decimal(BigDecimal d) {
    if (d == null) {
      return null;
    }
    BigDecimal plain = d.stripTrailingZeros();
    return plain.scale() < 0 ? plain.setScale(0) : plain;
  }

  private static Object value(Object v) {
    if (v instanceof Numeric n) {
      return decimal(n.bigDecimalValue());
    }
    if (v instanceof BigDecimal d) {
      return decimal(d);
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant().toString();
    }
    if (v instanceof Temporal t) {
      return t.toString();
    }
    if (v instanceof Object[] array) {
      JsonArray json = new JsonArray();
      for (Object o : array) {
        json.add(value(o));
      }
      return json;
    }
    return v;
  }

  /** {@code id_masked} → {@code idMasked}. */
  public static String camel(String snake) {
    StringBuilder out = new StringBuilder(snake.length());
    boolean upper = false;
    for (char c : snake.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }
}
