package cn.zhenxing.server.sheet;

import java.util.ArrayList;
import java.util.List;

/**
 * A run of consecutive rows of a file, validated, sealed and encoded as COPY lines on one validation thread while the
 * reading thread goes on reading. Batches are written to COPY in file order, so row numbers, error order and the
 * staged table are the same as with one thread.
 */
final class RowBatch {

  /** Rows per batch: large enough to amortise the hand-over, small enough to bound memory (a few hundred KB). */
  static final int ROWS = 2_000;

  /** A rejected row: its number, its texts (personal numbers masked) and every reason. */
  record Rejected(int rowNo, List<String> texts, List<RowError> errors) {
  }

  final List<SheetRow> rows = new ArrayList<>(ROWS);
  final List<Rejected> rejected = new ArrayList<>();
  CopyBuffer copy;
  int valid;
  long[] keyHashes;

  /** Validates and encodes every row; runs on a validation thread, touching nothing but this batch. */
  RowBatch validate(RowValidator validator, Staging staging, int[] keyColumns) {
    copy = new CopyBuffer(rows.size() * 320);
    keyHashes = new long[rows.size()];
    List<RowError> errors = new ArrayList<>();
    Object[] key = new Object[keyColumns.length];
    for (SheetRow row : rows) {
      errors.clear();
      RowValidator.Valid ok = validator.row(row, errors);
      if (ok == null) {
        rejected.add(new Rejected(row.rowNo(), validator.rawTexts(row), List.copyOf(errors)));
        continue;
      }
      for (int k = 0; k < keyColumns.length; k++) {
        key[k] = ok.values()[keyColumns[k]];
      }
      keyHashes[valid++] = KeyHashes.of(key);
      staging.appendLine(copy, ok);
    }
    rows.clear();
    return this;
  }
}
