package cn.zhenxing.plugins.labor.common;

import cn.zhenxing.sdk.sheet.SheetCheck;

/**
 * Checks of an import's staged rows against the plugin's data: a query selecting the {@code row_no} of every
 * offending row, reported like a bad cell of one column.
 */
public final class StagedChecks {

  private StagedChecks() {
  }

  /**
   * @param where a condition on the staged row {@code s} (plugin SQL, never input), true for a bad row
   * @param column the key of the column the reason is about
   */
  public static SheetCheck rejectWhere(String where, String column, String reason) {
    return (conn, staged) -> conn
        .query("SELECT s.row_no FROM " + staged.table() + " s WHERE " + where + " ORDER BY s.row_no LIMIT 1000")
        .execute()
        .map(rows -> SheetCheck.rejectAll(rows, column, reason));
  }
}
