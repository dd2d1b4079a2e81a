package cn.zhenxing.sdk.sheet;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * The plugin's step that moves an import's staged rows into its own tables, in one set-based statement (or a few),
 * typically
 *
 * <pre>
 *   (conn, staged) -&gt; conn.query(
 *       "INSERT INTO households.household (county, name, id_cipher, id_index, id_masked, category, income)"
 *     + " SELECT county_code, name, id_number_cipher, id_number_index, id_number_masked, category, income"
 *     + " FROM " + staged.table()
 *     + " ON CONFLICT (id_index) DO UPDATE SET name = excluded.name, category = excluded.category,"
 *     + " income = excluded.income")
 *     .execute().map(rows -&gt; (long) rows.rowCount())
 * </pre>
 *
 * <p>The {@code ON CONFLICT} target is the natural key the spec names (a unique index on it must exist), so
 * re-importing a file creates no duplicates. The core runs the step inside the import's transaction on
 * {@code connection} and records the audit entry ({@code import}, the register, row counts) in the same transaction:
 * never commit, never open another connection here. The answer is the number of rows inserted or updated.
 */
@FunctionalInterface
public interface SheetMerge {
  Future<Long> merge(SqlConnection connection, StagedRows staged);
}
