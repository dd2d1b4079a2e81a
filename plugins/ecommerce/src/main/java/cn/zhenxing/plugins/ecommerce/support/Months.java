package cn.zhenxing.plugins.ecommerce.support;

import cn.zhenxing.sdk.http.Fields;
import java.time.LocalDate;
import java.time.YearMonth;

/** Months shown as {@code yyyy-MM} (read them with {@code Fields.month}) and quarters written {@code 2024Q1}. */
public final class Months {

  private Months() {
  }

  public static String format(LocalDate month) {
    return YearMonth.from(month).toString();
  }

  /** The quarter a day falls in, as {@code 2024Q1}. */
  public static String quarter(LocalDate day) {
    return day.getYear() + "Q" + ((day.getMonthValue() - 1) / 3 + 1);
  }

  /** The first day of a quarter written {@code 2024Q1}, or null. */
  public static LocalDate quarterStart(String quarter) {
    if (quarter == null || !quarter.matches("[0-9]{4}Q[1-4]")) {
      return null;
    }
    return LocalDate.of(Integer.parseInt(quarter.substring(0, 4)), (quarter.charAt(5) - '1') * 3 + 1, 1);
  }
}
