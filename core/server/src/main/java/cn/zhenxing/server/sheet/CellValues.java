package cn.zhenxing.server.sheet;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading typed values from cells the way Chinese users write them. Every method answers empty when it cannot. */
final class CellValues {

  /** 2023-05-26, 2023/5/26, 2023.5.26, 2023年5月26日 (an optional time after it is ignored). */
  private static final Pattern YMD = Pattern.compile(
      "(\\d{4})\\s*(?:[-/.]|年)\\s*(\\d{1,2})\\s*(?:[-/.]|月)\\s*(\\d{1,2})\\s*日?(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2})?)?");
  private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

  private CellValues() {
  }

  /** Full-width letters, digits and punctuation become ASCII; surrounding white space (also U+3000) goes. */
  static String normalize(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u3000' || (c >= '\uFF00' && c <= '\uFFEF')) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
      }
    }
    // The common case (no full-width forms): NFKC would change nothing the readers care about, and costs.
    return text.strip();
  }

  static Optional<LocalDate> date(SheetCell cell, boolean excelSerials) {
    if (cell.number() != null && excelSerials) {
      BigDecimal n = cell.number();
      if (n.signum() > 0 && n.compareTo(BigDecimal.valueOf(2_958_465)) <= 0) {
        // Excel's 1900 date system (with its phantom 1900-02-29): day 60 and later count from 1899-12-30.
        long days = n.longValue();
        return Optional.of(days < 60 ? EXCEL_EPOCH.plusDays(days + 1) : EXCEL_EPOCH.plusDays(days));
      }
      return Optional.empty();
    }
    String s = normalize(cell.text());
    LocalDate iso = isoDate(s);
    if (iso != null) {
      return Optional.of(iso);
    }
    Matcher m = YMD.matcher(s);
    if (!m.matches()) {
      m = COMPACT.matcher(s);
      if (!m.matches()) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3))));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  static Optional<BigDecimal> decimal(SheetCell cell) {
    if (cell.number() != null) {
      return Optional.of(cell.number());
    }
    String s = normalize(cell.text());
    if (!plainDecimal(s)) {
      s = s.replace(",", "").replace("，", "").replace(" ", "").replace("¥", "");
    }
    if (!DECIMAL.matcher(s).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(s));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code s} is only ASCII digits with at most one dot (and at least one digit): no clean-up needed. */
  private static boolean plainDecimal(String s) {
    boolean dot = false;
    boolean digit = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        return false;
      }
    }
    return digit;
  }

  /**
   * The common spelling {@code yyyy-M-d} (also {@code yyyy/M/d}, {@code yyyy.M.d}) without the regex; null for
   * anything else (including impossible dates, left to the general path, which answers empty for them too).
   */
  static LocalDate isoDate(String s) {
    int n = s.length();
    if (n < 8 || n > 10 || !digits(s, 0, 4)) {
      return null;
    }
    char sep = s.charAt(4);
    if (sep != '-' && sep != '/' && sep != '.') {
      return null;
    }
    int second = s.indexOf(sep, 5);
    if (second < 6 || second > 7 || !digits(s, 5, second) || n - second - 1 < 1 || n - second - 1 > 2
        || !digits(s, second + 1, n)) {
      return null;
    }
    try {
      return LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, second, 10),
          Integer.parseInt(s, second + 1, n, 10));
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static Optional<Long> integer(SheetCell cell) {
    return decimal(cell).flatMap(d -> {
      try {
        return Optional.of(d.stripTrailingZeros().longValueExact());
      } catch (ArithmeticException e) {
        return Optional.empty();
      }
    });
  }

  static Optional<Boolean> bool(SheetCell cell) {
    String s = normalize(cell.text()).toLowerCase(Locale.ROOT);
    return switch (s) {
      case "是", "y", "yes", "true", "1", "√", "有" -> Optional.of(true);
      case "否", "n", "no", "false", "0", "×", "无" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  /**
   * The text of a cell; a number keeps its plain digits ({@code 1.40721E17} would lose digits of an ID number, so
   * such a cell is refused by the caller).
   */
  static String text(SheetCell cell) {
    if (cell.number() != null) {
      return cell.number().stripTrailingZeros().toPlainString();
    }
    return normalize(cell.text());
  }
}
