package cn.zhenxing.sdk.sheet;

import cn.zhenxing.sdk.county.County;

/**
 * The validated rows of one import, staged in a table the core created, filled with {@code COPY} and drops
 * afterwards. Every row in it passed every check; the plugin's {@link SheetMerge} reads it with one set-based
 * statement.
 *
 * <p>Its columns: {@code row_no integer} (the row as the user sees it in Excel, header = 1), {@code county_code text}
 * (the county of the import's URL), then per declared column its {@link Column#sqlName() sqlName} with the
 * {@link ColumnType#sqlType() type} of its column type (null when the cell was empty), except that a sealed column
 * ({@link ColumnType#ID_CARD}, {@link ColumnType#PHONE}) becomes three text columns {@code <name>_cipher},
 * {@code <name>_index}, {@code <name>_masked} and a {@link ColumnType#COUNTY} column none. No two rows share a
 * natural key.
 */
public interface StagedRows {

  /** The schema-qualified staging table, safe to splice into SQL ({@code households.zx_stage_households_3f2a…}). */
  String table();

  /** The county of the import (every row's {@code county_code}). */
  County county();

  /** How many rows are staged. */
  long rows();

  /** The staging column of a declared column that is not sealed ({@code income} → {@code income}). */
  String column(String key);

  /** {@code <name>_cipher} of a sealed column. */
  String cipher(String key);

  /** {@code <name>_index} of a sealed column (its blind index: put a unique index on it in your table). */
  String index(String key);

  /** {@code <name>_masked} of a sealed column. */
  String masked(String key);
}
