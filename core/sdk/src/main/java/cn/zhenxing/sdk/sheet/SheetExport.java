package cn.zhenxing.sdk.sheet;

import cn.zhenxing.sdk.county.County;
import io.vertx.core.MultiMap;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.Objects;

/**
 * The plugin's query behind a register's export ({@code GET .../sheets/<register>/export}): for the county of the
 * request's URL and the query-string filters, one parameterised {@code SELECT}. The core runs it with a cursor in a
 * read-only transaction and writes the rows to the file as they arrive, so it may answer any number of rows:
 *
 * <pre>
 *   (county, filters) -&gt; {
 *     List&lt;Object&gt; params = new ArrayList&lt;&gt;(List.of(county.code()));
 *     String sql = "SELECT name, id_masked AS id_number_masked, id_cipher AS id_number_cipher, category, income,"
 *         + " identified_on, county_code FROM households.household WHERE county_code = $1";
 *     if (filters.contains("category")) {
 *       params.add(filters.get("category"));
 *       sql += " AND category = $" + params.size();
 *     }
 *     return SheetExport.Query.of(sql + " ORDER BY id", params.toArray());
 *   }
 * </pre>
 *
 * <p>The result has one column per declared {@link Column}, named after its key in snake_case ({@link
 * Column#sqlName()}: {@code identifiedOn} → {@code identified_on}; the key itself, quoted, works too). A sealed column
 * ({@link ColumnType#ID_CARD}, {@link ColumnType#PHONE}) comes as two: {@code <name>_masked}, exported by default,
 * and {@code <name>_cipher}, decrypted only for a caller who asks to reveal and holds the register's
 * {@link SheetSpec#revealPermission reveal permission}. A {@link ColumnType#COUNTY} column is exported as selected.
 *
 * <p>Restrict the rows to {@code county} yourself ({@code WHERE county_code = $1}). If the result has a
 * {@code county_code} column, the core also checks it on every row and fails the export (500) on a row of another
 * county. Filters come from the query string without the core's own parameters ({@code format}, {@code reveal},
 * {@code reason}); ignore the ones you do not know, and throw a {@link cn.zhenxing.sdk.http.Problem} (422) for a bad
 * value. Never splice a filter value into the SQL: bind it as a parameter. Runs on the event loop: build the query
 * only, do not block.
 */
@FunctionalInterface
public interface SheetExport {

  /**
   * The query for an export.
   *
   * @param county  the county of the request's URL
   * @param filters the query-string parameters other than {@code format}, {@code reveal} and {@code reason}
   */
  Query query(County county, MultiMap filters);

  /**
   * A parameterised {@code SELECT} ({@code $1}, {@code $2} …) and its parameters.
   *
   * @param sql    the statement
   * @param params its parameters, in order
   */
  record Query(String sql, Tuple params) {

    public Query {
      Objects.requireNonNull(sql, "sql");
      Objects.requireNonNull(params, "params");
    }

    /** A query with these parameters ({@code $1} is the first). */
    public static Query of(String sql, Object... params) {
      return new Query(sql, Tuple.from(Arrays.asList(params)));
    }
  }
}
