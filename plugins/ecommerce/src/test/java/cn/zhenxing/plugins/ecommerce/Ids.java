package cn.zhenxing.plugins.ecommerce;

/** Valid resident ID-card numbers for tests (GB 11643 check digit). */
final class Ids {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  private Ids() {
  }

  /** The 17 digits given plus their check digit. */
  static String valid(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return first17 + CHECK.charAt(sum % 11);
  }
}
