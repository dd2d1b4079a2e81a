package cn.zhenxing.server.sheet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/** The first worksheet of an {@code .xlsx} file, streamed row by row with fastexcel-reader. */
final class XlsxSource implements RowSource {

  private final ReadableWorkbook workbook;
  private final Stream<Row> rows;
  private final Iterator<Row> iterator;

  XlsxSource(Path file) throws IOException {
    try {
      this.workbook = new ReadableWorkbook(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new SheetFileException("无法读取 .xlsx 文件 / The .xlsx file cannot be read: " + e.getMessage());
    }
    this.rows = workbook.getFirstSheet().openStream();
    this.iterator = rows.iterator();
  }

  @Override
  public boolean hasNext() {
    return iterator.hasNext();
  }

  @Override
  public SheetRow next() {
    Row row = iterator.next();
    List<SheetCell> cells = new ArrayList<>(row.getCellCount());
    for (int i = 0; i < row.getCellCount(); i++) {
      cells.add(cell(row.getCell(i)));
    }
    return new SheetRow(row.getRowNum(), cells);
  }

  private static SheetCell cell(Cell cell) {
    if (cell == null || cell.getType() == CellType.EMPTY) {
      return SheetCell.EMPTY;
    }
    if (cell.getType() == CellType.NUMBER) {
      String raw = cell.getRawValue();
      return new SheetCell(raw == null ? "" : raw, cell.asNumber());
    }
    if (cell.getType() == CellType.BOOLEAN) {
      return SheetCell.text(Boolean.TRUE.equals(cell.asBoolean()) ? "是" : "否");
    }
    String text = cell.getText();
    return SheetCell.text(text == null ? "" : text);
  }

  @Override
  public void close() throws IOException {
    rows.close();
    workbook.close();
  }
}
