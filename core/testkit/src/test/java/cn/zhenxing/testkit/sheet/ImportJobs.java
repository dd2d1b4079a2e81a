package cn.zhenxing.testkit.sheet;

import cn.zhenxing.testkit.ZhenxingExtension;

/** What the spreadsheet tests share: counting what reached the table (waiting for a job: {@code TestHttp.importSheet}). */
final class ImportJobs {

  private ImportJobs() {
  }

  /** The households the test plugin holds, in every county. */
  static long households(ZhenxingExtension zx) {
    return zx.sql("SELECT count(*) AS n FROM households.household").iterator().next().getLong("n");
  }
}
