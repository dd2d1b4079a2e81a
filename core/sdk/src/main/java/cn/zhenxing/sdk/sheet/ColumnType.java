package cn.zhenxing.sdk.sheet;

/**
 * What a spreadsheet column holds: how a cell is read and checked, and the type of its column in the staging table
 * the plugin's {@link SheetMerge} reads from.
 */
public enum ColumnType {
  /** Free text, trimmed; an optional {@link Column#dictionary dictionary} and {@link Column#maxLength maximum length}.
   *  Staged as {@code text}. */
  TEXT("text"),
  /** A whole number ({@code 1,234} and full-width digits accepted). Staged as {@code bigint}. */
  INTEGER("bigint"),
  /** A decimal number ({@code 3,500.50}). Staged as {@code numeric}. */
  DECIMAL("numeric"),
  /**
   * A calendar date in any of the usual Chinese spellings: {@code 2023-05-26}, {@code 2023/5/26}, {@code 2023.5.26},
   * {@code 2023年5月26日}, {@code 20230526}, and Excel date cells (serial numbers) in {@code .xlsx}. Staged as
   * {@code date}.
   */
  DATE("date"),
  /** 是/否, true/false, Y/N, 1/0. Staged as {@code boolean}. */
  BOOLEAN("boolean"),
  /**
   * A resident ID-card number (GB 11643 check digit), sealed through
   * {@link cn.zhenxing.sdk.personal.PersonalData#sealIdCard}. Staged as three {@code text} columns:
   * {@code <col>_cipher}, {@code <col>_index}, {@code <col>_masked} (see {@link StagedRows}); the clear value is
   * never staged.
   */
  ID_CARD("text"),
  /** A mobile or landline number, sealed like {@link #ID_CARD} through {@code sealPhone}. */
  PHONE("text"),
  /**
   * The county a row belongs to, by code ({@code 140721}) or Chinese name ({@code 榆社县}). A row naming another
   * county than the one of the import's URL is rejected; an empty cell means the URL's county. Not staged as a column
   * of its own: every staged row carries {@code county_code}.
   */
  COUNTY("text");

  private final String sqlType;

  ColumnType(String sqlType) {
    this.sqlType = sqlType;
  }

  /** The PostgreSQL type of the column in the staging table. */
  public String sqlType() {
    return sqlType;
  }

  /** Whether values are personal data, sealed on import and masked on export. */
  public boolean sealed() {
    return this == ID_CARD || this == PHONE;
  }
}
