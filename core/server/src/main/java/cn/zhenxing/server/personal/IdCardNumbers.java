package cn.zhenxing.server.personal;

import cn.zhenxing.sdk.http.Problem;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Resident ID-card numbers (居民身份证号) as GB 11643-1999 defines them: a six-digit region code, the date of birth
 * ({@code yyyyMMdd}), a three-digit sequence number and a check character computed over the first seventeen digits
 * (ISO 7064 MOD 11-2).
 *
 * <p>Error reasons never contain the value itself.
 */
public final class IdCardNumbers {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK_CHARS = "10X98765432";
  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
  /** Older dates are not plausible for a living person's (or even a historic) ID-card number. */
  private static final int EARLIEST_YEAR = 1800;

  static final String REQUIRED = "身份证号不能为空 / the ID-card number is required";
  static final String FORMAT = "身份证号应为18位：17位数字加1位数字或X / an ID-card number has 18 characters: 17 digits "
      + "and a final digit or X";
  static final String BAD_DATE = "身份证号中的出生日期无效 / the date of birth in the ID-card number is not a real date";
  static final String FUTURE_DATE = "身份证号中的出生日期晚于今天 / the date of birth in the ID-card number is in the "
      + "future";
  static final String CHECK_DIGIT = "身份证号校验位错误 / the ID-card check digit is wrong";

  private IdCardNumbers() {
  }

  /**
   * The normalised number (18 characters, upper-case {@code X}): full-width characters become ASCII, all white space
   * goes, a final {@code x} becomes {@code X}.
   *
   * @param today the current date, for refusing dates of birth in the future
   * @throws Problem 422 naming {@code field} when the value is missing, malformed, has an impossible date of birth or
   *     a wrong check character
   */
  public static String normalise(String field, String value, LocalDate today) {
    if (value == null) {
      throw Problem.invalid(field, REQUIRED);
    }
    // The common case, plain ASCII without white space, is already in normal form: skip NFKC and the regex.
    String s = plainAscii(value) ? value
        : WHITE_SPACE.matcher(Normalizer.normalize(value, Normalizer.Form.NFKC)).replaceAll("");
    if (s.isEmpty()) {
      throw Problem.invalid(field, REQUIRED);
    }
    if (s.length() != 18) {
      throw Problem.invalid(field, FORMAT);
    }
    for (int i = 0; i < 17; i++) {
      if (!isAsciiDigit(s.charAt(i))) {
        throw Problem.invalid(field, FORMAT);
      }
    }
    char last = s.charAt(17);
    if (last == 'x') {
      last = 'X';
      s = s.substring(0, 17) + 'X';
    }
    if (!isAsciiDigit(last) && last != 'X') {
      throw Problem.invalid(field, FORMAT);
    }
    LocalDate born;
    try {
      born = LocalDate.of(Integer.parseInt(s, 6, 10, 10), Integer.parseInt(s, 10, 12, 10),
          Integer.parseInt(s, 12, 14, 10));
    } catch (DateTimeException e) {
      throw Problem.invalid(field, BAD_DATE);
    }
    if (born.getYear() < EARLIEST_YEAR) {
      throw Problem.invalid(field, BAD_DATE);
    }
    if (born.isAfter(today)) {
      throw Problem.invalid(field, FUTURE_DATE);
    }
    if (checkChar(s.substring(0, 17)) != last) {
      throw Problem.invalid(field, CHECK_DIGIT);
    }
    return s;
  }

  /** The GB 11643 check character ({@code 0}–{@code 9} or {@code X}) of seventeen digits. */
  public static char checkChar(CharSequence first17) {
    if (first17.length() != 17) {
      throw new IllegalArgumentException("seventeen digits expected");
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      char c = first17.charAt(i);
      if (!isAsciiDigit(c)) {
        throw new IllegalArgumentException("seventeen digits expected");
      }
      sum += (c - '0') * WEIGHTS[i];
    }
    return CHECK_CHARS.charAt(sum % 11);
  }

  /** Printable ASCII only (no white space, no control or full-width characters): NFKC and the regex change nothing. */
  static boolean plainAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7F) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
