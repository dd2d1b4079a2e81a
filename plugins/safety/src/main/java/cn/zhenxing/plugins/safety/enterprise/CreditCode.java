package cn.zhenxing.plugins.safety.enterprise;

/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a 31-character alphabet (digits
 * and capitals without I, O, S, V, Z), the last a check character computed from the first 17 with weights
 * 3^i mod 31.
 */
public final class CreditCode {

  static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

  private CreditCode() {
  }

  /** The code as stored: stripped, upper case (full-width characters are not accepted). */
  public static String normalise(String code) {
    return code == null ? null : code.strip().toUpperCase(java.util.Locale.ROOT);
  }

  /** Why the (normalised) code is not valid, or null when it is. Reasons are Chinese first, English beside. */
  public static String problem(String code) {
    if (code.length() != 18) {
      return "应为 18 位 / must be 18 characters";
    }
    for (int i = 0; i < 18; i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        return "第 " + (i + 1) + " 位字符无效（不含 I、O、S、V、Z） / character " + (i + 1)
            + " is not allowed (no I, O, S, V, Z)";
      }
    }
    if (!code.substring(2, 8).chars().allMatch(Character::isDigit)) {
      return "第 3–8 位应为行政区划代码 / characters 3-8 must be the administrative division code";
    }
    if (code.charAt(17) != checkCharacter(code.substring(0, 17))) {
      return "校验码错误 / the check character is wrong";
    }
    return null;
  }

  /** The check character for the first 17 characters of a code. */
  public static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
    }
    int check = 31 - sum % 31;
    return ALPHABET.charAt(check == 31 ? 0 : check);
  }
}
