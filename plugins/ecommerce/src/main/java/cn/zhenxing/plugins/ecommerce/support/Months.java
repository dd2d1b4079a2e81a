package cn.zhenxing.plugins.ecommerce.support;

import cn.zhenxing.sdk.http.Fields;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** Months written {@code yyyy-MM} (a report's month) and quarters written {@code 2024Q1}. */
public final class Months {

  private Months() {
  }

  /** The first day of the month in {@code field}, or null (recording the error) when it is missing or malformed. */
  public static LocalDate read(Fields f, String field, boolean required) {
    String text = f.text(field, 7, required);
    if (text == null) {
      return null;
    }
    LocalDate month = parse(text);
    f.check(month != null, field, "月份格式应为 yyyy-MM / must be a month written yyyy-MM");
    return month;
  }

  /** The first day of a {@code yyyy-MM} month, or null. */
  public static LocalDate parse(String text) {
    if (text == null || !text.matches("[0-9]{4}-[0-9]{2}")) {
      return null;
    }
    try {
      YearMonth month = YearMonth.parse(text);
      // The programme started in the 2020s; a year outside this range is a typing mistake.
      return month.getYear() < 2000 || month.getYear() > 2100 ? null : month.atDay(1);
    } catch (DateTimeParseException e) {
      return null;
    }
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
