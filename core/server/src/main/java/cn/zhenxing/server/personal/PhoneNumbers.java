package cn.zhenxing.server.personal;

import cn.zhenxing.sdk.http.Problem;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Mainland Chinese phone numbers: mobile ({@code 1[3-9]} and nine more digits) or landline (area code {@code 0} and
 * two or three digits, then a seven- or eight-digit number).
 *
 * <p>A landline's area code is read from its digits, not from where a hyphen was typed: {@code 010} and {@code 02x}
 * are the only three-digit area codes, every other one has four digits. So {@code 0354-3012345},
 * {@code 03543012345} and {@code 035-43012345} are one number (they dial the same digits).
 *
 * <p>Error reasons never contain the value itself.
 */
public final class PhoneNumbers {

  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
  private static final Pattern LANDLINE_DIGITS = Pattern.compile("0\\d{9,11}");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s-]+");

  static final String REQUIRED = "电话号码不能为空 / the phone number is required";
  static final String FORMAT = "电话号码格式错误，应为11位手机号或带区号的固定电话 / not a mainland mobile number "
      + "(11 digits starting 13 to 19) nor a landline number with its area code";

  /**
   * A normalised phone number.
   *
   * @param digits  what the blind index is computed over: the digits as dialled within China
   * @param display the stored (and revealed) form: {@code 13812345678} or {@code 0354-3012345}
   * @param mobile  whether it is a mobile number
   */
  public record Phone(String digits, String display, boolean mobile) {

    @Override
    public String toString() {
      return "Phone[" + (mobile ? "mobile" : "landline") + "]";
    }
  }

  private PhoneNumbers() {
  }

  /**
   * Normalises a phone number: full-width characters become ASCII; spaces and hyphens go; a leading {@code +86} (or
   * {@code 0086}, or {@code 86} before a mobile number) goes, and a landline written internationally gets its
   * trunk {@code 0} back.
   *
   * @throws Problem 422 naming {@code field} when the value is missing or is not a mainland phone number
   */
  public static Phone normalise(String field, String value) {
    if (value == null) {
      throw Problem.invalid(field, REQUIRED);
    }
    String s = SEPARATORS.matcher(Normalizer.normalize(value, Normalizer.Form.NFKC)).replaceAll("");
    if (s.isEmpty()) {
      throw Problem.invalid(field, REQUIRED);
    }
    boolean international = false;
    if (s.startsWith("+86")) {
      s = s.substring(3);
      international = true;
    } else if (s.startsWith("0086")) {
      s = s.substring(4);
      international = true;
    } else if (s.length() == 13 && s.startsWith("86") && MOBILE.matcher(s.substring(2)).matches()) {
      s = s.substring(2);
    }
    if (MOBILE.matcher(s).matches()) {
      return new Phone(s, s, true);
    }
    if (international && !s.isEmpty() && s.charAt(0) != '0') {
      s = "0" + s;
    }
    if (LANDLINE_DIGITS.matcher(s).matches()) {
      int area = s.charAt(1) == '1' || s.charAt(1) == '2' ? 3 : 4;
      int local = s.length() - area;
      if (local >= 7 && local <= 8) {
        return new Phone(s, s.substring(0, area) + "-" + s.substring(area), false);
      }
    }
    throw Problem.invalid(field, FORMAT);
  }
}
