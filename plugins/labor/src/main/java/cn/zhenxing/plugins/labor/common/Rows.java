package cn.zhenxing.plugins.labor.common;

import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.time.temporal.Temporal;

/**
 * Turns result rows into the JSON the API answers: columns in camelCase, dates as ISO text, arrays as arrays. Queries
 * select only what may be shown (the masked ID number, never its cipher or index), so the mapping can be generic.
 */
public final class Rows {

  /** The column list queries add ({@code count(*) OVER ()}) to answer a page's total in the same statement. */
  public static final String TOTAL = "total";

  private Rows() {
  }

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

  /** The only row, or 404 when there is none (which is also what another county's row looks like). */
  public static JsonObject one(RowSet<Row> rows, String zh, String en) {
    if (rows.size() == 0) {
      throw Problem.notFound(zh + "不存在 / No such " + en);
    }
    return json(rows.iterator().next());
  }

  public static JsonArray array(RowSet<Row> rows) {
    JsonArray items = new JsonArray();
    rows.forEach(r -> items.add(json(r)));
    return items;
  }

  /** A page answer from rows that carry the {@value #TOTAL} column. */
  public static JsonObject page(Page page, RowSet<Row> rows) {
    long total = rows.size() == 0 ? 0 : rows.iterator().next().getLong(TOTAL);
    return page.answer(array(rows), total);
  }

  private static Object value(Object value) {
    if (value instanceof Temporal t) {
      return t.toString();
    }
    if (value instanceof Numeric n) {
      // Amounts: a whole number stays whole in JSON, 3200.50 becomes 3200.5.
      BigDecimal d = n.bigDecimalValue();
      return d.stripTrailingZeros().scale() <= 0 ? (Number) d.longValue() : d.doubleValue();
    }
    if (value instanceof Object[] array) {
      JsonArray json = new JsonArray();
      for (Object o : array) {
        json.add(value(o));
      }
      return json;
    }
    return value;
  }

  private static String camel(String snake) {
    StringBuilder out = new StringBuilder(snake.length());
    boolean upper = false;
    for (char c : snake.toCharArray()) {
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
