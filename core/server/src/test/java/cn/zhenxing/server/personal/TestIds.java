package cn.zhenxing.server.personal;

/** Synthetic ID-card numbers for tests, with the check character computed here independently of the code tested. */
final class TestIds {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

  private TestIds() {
  }

  /** The valid 18-character number starting with these seventeen digits. */
  static String valid(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += Character.digit(first17.charAt(i), 10) * WEIGHTS[i];
    }
    return first17 + "10X98765432".charAt(sum % 11);
  }

  /** The same seventeen digits with a wrong check character. */
  static String wrongCheck(String first17) {
    char right = valid(first17).charAt(17);
    return first17 + (right == '0' ? '1' : '0');
  }

  /** A valid number whose check character is X (searches the sequence numbers). */
  static String endingInX(String regionAndBirth14) {
    for (int seq = 0; seq < 1000; seq++) {
      String id = valid(regionAndBirth14 + String.format("%03d", seq));
      if (id.endsWith("X")) {
        return id;
      }
    }
    throw new AssertionError("no X among 1000 sequence numbers");
  }
}
