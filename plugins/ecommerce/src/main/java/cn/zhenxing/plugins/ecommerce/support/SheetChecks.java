package cn.zhenxing.plugins.ecommerce.support;

import cn.zhenxing.sdk.sheet.SheetCheck;
import cn.zhenxing.sdk.sheet.StagedRows;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;
import java.util.function.Supplier;


/**
 * The checks {@link SheetCheck#rejectWhere} cannot state: those whose SQL needs the staged rows' own column names
 * (a sealed column's blind index) or bound parameters (today's date in the platform's zone). Every offending row is
 * listed in the import's error report with its Excel row, column and reason, the import ends {@code rejected} and
 * nothing is written (dry runs find them too). Plain conditions use {@code SheetCheck.rejectWhere}.
 */
public final class SheetChecks {

  private SheetChecks() {
  }

  /**
   * Rejects every staged row {@code sql} selects ({@code row_no} first; from the staging table), with one
   * column key and reason.
   */
  public static SheetCheck rows(Function<StagedRows, String> sql, String column, String reason) {
    return rows(sql, Tuple::tuple, column, reason);
  }

  /** As {@link #rows(Function, String, String)}, with parameters read when the check runs (today's date). */
  public static SheetCheck rows(Function<StagedRows, String> sql, Supplier<Tuple> params, String column, String reason) {
    return (conn, staged) -> conn.preparedQuery(sql.apply(staged) + " ORDER BY 1 LIMIT 1000")
        .execute(params.get())
        .map(rows -> SheetCheck.rejectAll(rows, column, reason));
  }
}
