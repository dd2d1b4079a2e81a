package cn.zhenxing.sdk.sheet;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Objects;

/**
 * A plugin's checks of an import's staged rows against its own data, for the rules a column declaration cannot say:
 * the agreement a delivery names exists in this county, a delivery date lies within the agreement's period, the shop
 * of a sales report is registered. It runs after every row passed the column checks and before the merge, in dry
 * runs too; if it rejects any row, the import ends {@code rejected} with those rows, columns and reasons in its error
 * report, exactly like a bad cell, and nothing is written.
 *
 * <pre>{@code
 * SheetSpec.of("deliveries", "到货记录")...
 *     .check((conn, staged) -> conn.query("SELECT s.row_no FROM " + staged.table() + " s"
 *             + " LEFT JOIN supply.agreement a ON a.code = s.agreement_code AND a.county_code = s.county_code"
 *             + " WHERE a.id IS NULL ORDER BY s.row_no LIMIT 1000").execute()
 *         .map(rows -> SheetCheck.rejectAll(rows, "agreementCode", "协议不存在 / No such agreement in this county")))
 * }</pre>
 *
 * <p>Read only: the connection is outside any transaction the import commits. Keep the answer bounded (LIMIT): the
 * job shows the first 1,000 errors.
 */
@FunctionalInterface
public interface SheetCheck {

  /** Answers the rejected rows; an empty list when every row is acceptable. */
  Future<List<Rejection>> check(SqlConnection connection, StagedRows staged);

  /**
   * One rejected row.
   *
   * @param row    the row number as staged ({@code row_no}: as the user sees it in Excel)
   * @param column the declared column's key the reason is about, or null for the whole row
   * @param reason Chinese first, English beside
   */
  record Rejection(int row, String column, String reason) {
    public Rejection {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The common check: every staged row {@code s} for which {@code condition} holds is rejected with one column and
   * reason, e.g. {@code rejectWhere("NOT EXISTS (SELECT 1 FROM supply.agreement a WHERE a.agreement_no =
   * s.agreement_no AND a.county_code = s.county_code)", "agreementNo", "协议不存在 / No such agreement")}. The
   * condition is the plugin's SQL, never input; at most 1,000 rows are reported.
   */
  static SheetCheck rejectWhere(String condition, String column, String reason) {
    return (conn, staged) -> conn
        .query("SELECT s.row_no FROM " + staged.table() + " s WHERE " + condition + " ORDER BY s.row_no LIMIT 1000")
        .execute()
        .map(rows -> rejectAll(rows, column, reason));
  }

  /** Rejects every row of a result that has a {@code row_no} column, with one column and reason. */
  static List<Rejection> rejectAll(Iterable<io.vertx.sqlclient.Row> rows, String column, String reason) {
    List<Rejection> rejections = new java.util.ArrayList<>();
    for (io.vertx.sqlclient.Row row : rows) {
      rejections.add(new Rejection(row.getInteger("row_no"), column, reason));
    }
    return rejections;
  }
}
