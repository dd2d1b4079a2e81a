package cn.zhenxing.plugins.supply.sheets;

import cn.zhenxing.sdk.sheet.SheetCheck;
import java.util.function.UnaryOperator;

/**
 * Rules a column type cannot state (a reference to another row, a date inside an agreement's period, a value in the
 * API's range), as the SDK's {@link SheetCheck}s: each offending row is listed in the import's error report with its
 * Excel row, column and reason, and nothing is written (dry runs find them too).
 */
final class SheetChecks {

  /** The API's upper bound for tonnes, so a sheet cannot store what a form refuses. */
  static final String MAX_TONNES = "10000000";
  /** The API's upper bound for a report's prices and quantities. */
  static final String MAX_REPORTED = "100000000";

  private SheetChecks() {
  }

  /**
   * Rejects every staged row {@code sql} selects ({@code row_no} first), given the staging table's name, with one
   * column and reason.
   */
  static SheetCheck rows(UnaryOperator<String> sql, String column, String reason) {
    return (conn, staged) -> conn.query(sql.apply(staged.table()) + " ORDER BY 1 LIMIT 1000").execute()
        .map(rows -> SheetCheck.rejectAll(rows, column, reason));
  }
}
