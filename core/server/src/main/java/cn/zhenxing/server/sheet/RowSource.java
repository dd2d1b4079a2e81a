package cn.zhenxing.server.sheet;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/** The rows of an uploaded file, read one at a time (memory does not grow with the file). */
interface RowSource extends Iterator<SheetRow>, Closeable {

  /** The kinds of file accepted. */
  enum Kind {
    CSV, XLSX
  }

  /** Opens a file of the given kind; an {@code .xlsx} sent as CSV (or the reverse) is recognised by its bytes. */
  static RowSource open(Path file, Kind declared) throws IOException {
    Kind kind = sniff(file).orElse(declared);
    return kind == Kind.XLSX ? new XlsxSource(file) : CsvSource.open(file);
  }

  /** XLSX when the file is a zip; a legacy {@code .xls} is refused with a message the user can act on. */
  static java.util.Optional<Kind> sniff(Path file) throws IOException {
    byte[] head = new byte[8];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      return java.util.Optional.of(Kind.XLSX);
    }
    if (n == 8 && (head[0] & 0xff) == 0xD0 && (head[1] & 0xff) == 0xCF && (head[2] & 0xff) == 0x11
        && (head[3] & 0xff) == 0xE0) {
      throw new SheetFileException("不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV / Legacy .xls files are "
          + "not supported: save the file as .xlsx or CSV");
    }
    return java.util.Optional.empty();
  }
}
