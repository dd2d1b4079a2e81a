package cn.zhenxing.sdk.sheet;

/**
 * Spreadsheet import and export of a plugin's registers. Declare each register once in
 * {@code register(ctx)}; the core then serves, under the plugin's county routes and behind its access checks:
 *
 * <ul>
 *   <li>{@code GET  /api/v1/<plugin>/counties/<county>/sheets/<register>/template} — an {@code .xlsx} template
 *       with the Chinese headers, dropdowns for dictionary columns, an example row and a notes sheet (read);</li>
 *   <li>{@code POST .../sheets/<register>/imports[?dryRun=true]} — the file as the raw request body,
 *       {@code text/csv} (UTF-8 with or without BOM, or GB18030) or
 *       {@code application/vnd.openxmlformats-officedocument.spreadsheetml.sheet}; answers 202 with the import job
 *       (write);</li>
 *   <li>{@code GET .../imports/<id>} — the job: state, rows read / valid / rejected, errors (read);</li>
 *   <li>{@code DELETE .../imports/<id>} — cancels a running job; nothing is written (write);</li>
 *   <li>{@code GET .../imports/<id>/errors.xlsx} — the rejected rows with an error column (read);</li>
 *   <li>{@code GET .../sheets/<register>/export?format=xlsx|csv&<filters>} — the rows the plugin's
 *       {@link SheetExport} selects for the county and filters, streamed into an {@code .xlsx} (default) or a UTF-8
 *       CSV with BOM, headers in declared order, ID-card and phone numbers masked; {@code reveal=true&reason=…}
 *       exports them in clear for a caller holding the spec's {@link SheetSpec#revealPermission reveal permission}
 *       (403 without it, 422 without a reason). Audited once ({@code export}, and one {@code reveal} with the row
 *       count when revealing) (read; only for registers declared with an export).</li>
 * </ul>
 *
 * <p>An import is all or nothing: every row is validated (types, required, dictionary, ID-card check digit, dates,
 * county); if any row is bad, nothing is written and every bad row is reported with its Excel row number, column
 * header and reason. Otherwise the rows are staged with {@code COPY} and the plugin's {@link SheetMerge} moves them
 * in one transaction, together with the audit entry.
 */
public interface Sheets {

  /**
   * Declares a register. Call during {@code register(ctx)} only.
   *
   * @throws IllegalArgumentException when the spec is incomplete or its name is already declared
   */
  default void register(SheetSpec spec, SheetMerge merge) {
    register(spec, merge, null);
  }

  /**
   * Declares a register that can also be exported. Call during {@code register(ctx)} only.
   *
   * @param export the query behind {@code GET .../export}; null: the register has no export route
   * @throws IllegalArgumentException when the spec is incomplete or its name is already declared
   */
  void register(SheetSpec spec, SheetMerge merge, SheetExport export);
}
