package cn.zhenxing.plugins.ecommerce.support;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reading rows into JSON the same way everywhere: dates as {@code yyyy-MM-dd}, amounts as exact numbers. */
public final class Rows {

  private Rows() {
  }

  public static String date(Row row, String column) {
    LocalDate d = row.getLocalDate(column);
    return d == null ? null : d.toString();
  }

  public static BigDecimal money(Row row, String column) {
    BigDecimal v = row.getBigDecimal(column);
    return v == null ? null : v.setScale(2, java.math.RoundingMode.UNNECESSARY);
  }

  public static String instant(Row row, String column) {
    OffsetDateTime t = row.getOffsetDateTime(column);
    return t == null ? null : t.toInstant().toString();
  }

  /** The platform clock's now, as the database stores it. */
  public static OffsetDateTime now(Clock clock) {
    return clock.instant().atOffset(ZoneOffset.UTC);
  }

  /** Puts the value unless it is null (keeps answers small and their schema simple). */
  public static JsonObject putIf(JsonObject json, String key, Object value) {
    return value == null ? json : json.put(key, value);
  }
}
