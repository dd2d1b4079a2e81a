package cn.zhenxing.server.sheet;

import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.ColumnType;
import cn.zhenxing.sdk.sheet.SheetSpec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes an export's rows, as they arrive, to a stream: an {@code .xlsx} (fastexcel's streaming writer, flushed after
 * every batch) or a UTF-8 CSV with BOM. Values are one per declared column, already unmasked or masked; dates as
 * {@code yyyy-MM-dd}, booleans 是/否, everything else as stored. Used from one worker thread at a time.
 */
abstract class ExportWriter implements AutoCloseable {

  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  /** The most data rows one xlsx sheet holds (1,048,576 rows less the header). */
  static final long XLSX_MAX_ROWS = 1_048_575;

  protected final List<Column> columns;
  protected long rows;

  ExportWriter(SheetSpec spec) {
    this.columns = spec.columns();
  }

  static ExportWriter create(String format, SheetSpec spec, OutputStream out) throws IOException {
    ExportWriter writer = "csv".equals(format) ? new Csv(spec, out) : new Xlsx(spec, out);
    writer.header();
    return writer;
  }

  abstract void header() throws IOException;

  abstract void row(Object[] values) throws IOException;

  /** Pushes what is buffered to the stream (keeps memory bounded). */
  abstract void flush() throws IOException;

  /** Completes and closes the file. */
  abstract void finish() throws IOException;

  long rows() {
    return rows;
  }

  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof LocalDate date) {
      return DATE.format(date);
    }
    if (value instanceof LocalDateTime time) {
      return DATE.format(time.toLocalDate());
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Boolean b) {
      return b ? "是" : "否";
    }
    return value.toString();
  }

  /** fastexcel's streaming workbook: one sheet named after the register, bold header row. */
  static final class Xlsx extends ExportWriter {
    private final OutputStream out;
    private final Workbook workbook;
    private final Worksheet sheet;

    Xlsx(SheetSpec spec, OutputStream out) {
      super(spec);
      this.out = out;
      this.workbook = new Workbook(out, "Zhenxing", "1.0");
      this.sheet = workbook.newWorksheet(spec.title());
    }

    @Override
    void header() {
      for (int c = 0; c < columns.size(); c++) {
        Column column = columns.get(c);
        sheet.value(0, c, column.header());
        sheet.style(0, c).bold().fillColor("DDEBF7").set();
        sheet.width(c, Math.max(12, Math.min(40, column.header().length() * 2.5 + 4)));
      }
    }

    @Override
    void row(Object[] values) {
      if (rows >= XLSX_MAX_ROWS) {
        throw Problem.invalid("format", "超过 Excel 单表行数上限，请改用 CSV 或缩小筛选范围 / More rows than one .xlsx "
            + "sheet holds: export CSV or narrow the filters");
      }
      int r = (int) ++rows;
      for (int c = 0; c < values.length; c++) {
        Object value = values[c];
        Column column = columns.get(c);
        if (value == null) {
          continue;
        }
        if (value instanceof LocalDateTime time) {
          value = time.toLocalDate();
        }
        if (value instanceof LocalDate date) {
          sheet.value(r, c, date);
          sheet.style(r, c).format("yyyy-mm-dd").set();
        } else if (value instanceof Number number && column.type() != ColumnType.TEXT) {
          sheet.value(r, c, number);
          if (column.excelFormat() != null) {
            sheet.style(r, c).format(column.excelFormat()).set();
          }
        } else {
          sheet.value(r, c, text(value));
        }
      }
    }

    @Override
    void flush() throws IOException {
      sheet.flush();
    }

    @Override
    void finish() throws IOException {
      workbook.finish();
      out.close();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** RFC 4180 CSV, UTF-8 with BOM (Chinese Excel then reads it as UTF-8), CRLF line ends. */
  static final class Csv extends ExportWriter {
    private final Writer out;

    Csv(SheetSpec spec, OutputStream stream) {
      super(spec);
      this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
    }

    @Override
    void header() throws IOException {
      out.write('\uFEFF');
      line(columns.stream().map(Column::header).toArray());
    }

    @Override
    void row(Object[] values) throws IOException {
      rows++;
      line(values);
    }

    private void line(Object[] values) throws IOException {
      for (int c = 0; c < values.length; c++) {
        if (c > 0) {
          out.write(',');
        }
        out.write(quote(text(values[c])));
      }
      out.write("\r\n");
    }

    static String quote(String value) {
      boolean needs = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
          || value.indexOf('\r') >= 0 || (!value.isEmpty() && (Character.isWhitespace(value.charAt(0))
          || Character.isWhitespace(value.charAt(value.length() - 1))));
      return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    @Override
    void flush() throws IOException {
      out.flush();
    }

    @Override
    void finish() throws IOException {
      out.close();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
