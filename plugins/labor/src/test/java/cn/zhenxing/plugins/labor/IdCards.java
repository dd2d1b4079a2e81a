package cn.zhenxing.plugins.labor;

/** Valid (check-digit correct) made-up resident ID numbers for tests. */
final class IdCards {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  private IdCards() {
  }

  /** A number of the county, born 1985-03-{day}, with sequence {@code seq} (0–999). */
  static String of(String county, int seq) {
    String body = county + "198503" + String.format("%02d", 1 + seq % 28) + String.format("%03d", seq % 1000);
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body.charAt(i) - '0') * WEIGHTS[i];
    }
    return body + CHECK.charAt(sum % 11);
  }
}
