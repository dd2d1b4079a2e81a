package cn.zhenxing.plugins.supply.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.Locale;

/**
 * Rows to JSON: every column under its camelCase name, so the API's field names follow the SQL's aliases and the
 * two never drift apart. Numerics stay exact decimals (tonnes, prices), dates ISO text.
 */
public final class Rows {

  private Rows() {
  }

  public static JsonObject json(Row row) {
    JsonObject json = new JsonObject();
    for (int i = 0; i < row.size(); i++) {
      String name = row.getColumnName(i);
      if (name.equals("total_rows")) {
        continue;
      }
      json.put(camel(name), value(row.getValue(i)));
    }
    return json;
  }

  public static JsonArray items(RowSet<Row> rows) {
    JsonArray items = new JsonArray();
    rows.forEach(r -> items.add(json(r)));
    return items;
  }

  /** The {@code count(*) OVER () AS total_rows} of the first row, 0 for an empty page. */
  public static long total(RowSet<Row> rows) {
    return rows.size() == 0 ? 0 : rows.iterator().next().getLong("total_rows");
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
    if (v instanceof LocalDate || v instanceof Temporal) {
      return v.toString();
    }
    if (v instanceof Object[] array) {
      return new JsonArray(java.util.Arrays.asList(array));
    }
    return v;
  }

  /** 20000.00 as 20000 and 12.50 as 12.5: exact, without noise digits. */
  public static BigDecimal decimal(BigDecimal d) {
    BigDecimal plain = d.stripTrailingZeros();
    return plain.scale() < 0 ? plain.setScale(0) : plain;
  }

  static String camel(String snake) {
    StringBuilder out = new StringBuilder();
    boolean up = false;
    for (char c : snake.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        out.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return out.toString();
  }
}
