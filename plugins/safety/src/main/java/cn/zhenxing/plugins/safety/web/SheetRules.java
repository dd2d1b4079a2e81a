package cn.zhenxing.plugins.safety.web;

import cn.zhenxing.sdk.sheet.SheetCheck;
import cn.zhenxing.sdk.sheet.StagedRows;
import java.util.function.Function;

/**
 * Rules of a register that a column declaration cannot say (a check character, a reference to another register, a
 * rule between columns), as checks of the staged rows: each offending row is reported like a bad cell and nothing
 * is written.
 */
public final class SheetRules {

  private SheetRules() {
  }

  /**
   * A check rejecting every row that {@code select} finds.
   *
   * @param select the staging table's name → a {@code SELECT row_no FROM ...} of the offending rows
   * @param column the declared column's key the reason is about
   */
  public static SheetCheck rejectWhere(Function<StagedRows, String> select, String column, String reason) {
    return (conn, staged) -> conn.query(select.apply(staged) + " ORDER BY row_no LIMIT 1000").execute()
        .map(rows -> SheetCheck.rejectAll(rows, column, reason));
  }
}
