package cn.zhenxing.server.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.sdk.sheet.Column;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateAndXlsxTest {

  @TempDir
  Path dir;

  @Test
  void theTemplateHasHeadersExampleDropdownsAndNotes() throws IOException {
    Path file = dir.resolve("t.xlsx");
    try (OutputStream out = Files.newOutputStream(file)) {
      TemplateWriter.write(SheetFixtures.HOUSEHOLDS, out);
    }
    try (ReadableWorkbook wb = new ReadableWorkbook(file.toFile())) {
      List<String> names = wb.getSheets().map(s -> s.getName()).toList();
      assertEquals(List.of("监测户", TemplateWriter.NOTES_SHEET, TemplateWriter.LISTS_SHEET), names);
      List<Row> rows = wb.getFirstSheet().read();
      List<String> headers = new ArrayList<>();
      rows.get(0).forEach(c -> headers.add(c.getText()));
      assertEquals(SheetFixtures.HOUSEHOLDS.columns().stream().map(Column::header).toList(), headers);
      assertEquals("脱贫不稳定户", rows.get(1).getCellText(3), "the example row uses a dictionary value");
      List<Row> notes = wb.getSheet(1).orElseThrow().read();
      assertEquals("身份证号", notes.get(2).getCellText(0));
      assertTrue(notes.get(2).getCellText(5).contains("唯一标识"));
      List<Row> lists = wb.getSheet(2).orElseThrow().read();
      assertEquals("突发严重困难户", lists.get(3).getCellText(0));
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      String sheet = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertTrue(sheet.contains("<dataValidation"), "a dropdown for the dictionary column");
      assertTrue(sheet.contains("可选值") && sheet.contains("$A$2:$A$4"), sheet);
    }
  }

  @Test
  void xlsxCellsAreReadAsTextNumbersAndSerialDates() throws IOException {
    Path file = dir.resolve("d.xlsx");
    try (OutputStream out = Files.newOutputStream(file)) {
      Workbook wb = new Workbook(out, "test", "1.0");
      Worksheet ws = wb.newWorksheet("data");
      ws.value(0, 0, "姓名");
      ws.value(0, 1, "日期");
      ws.value(0, 2, "收入");
      ws.value(2, 0, "张三");
      ws.value(2, 1, LocalDate.of(2023, 5, 26));
      ws.value(2, 2, 3500.5);
      wb.finish();
    }
    List<SheetRow> rows = new ArrayList<>();
    try (RowSource source = RowSource.open(file, RowSource.Kind.CSV)) {
      assertTrue(source instanceof XlsxSource, "recognised by its bytes whatever the declared type");
      source.forEachRemaining(rows::add);
    }
    assertEquals(2, rows.size());
    SheetRow row = rows.get(1);
    assertEquals(3, row.rowNo(), "Excel's row number, gaps included");
    assertEquals("张三", row.cell(0).text());
    assertEquals(LocalDate.of(2023, 5, 26), CellValues.date(row.cell(1), true).orElseThrow());
    assertEquals(0, new BigDecimal("3500.5").compareTo(CellValues.decimal(row.cell(2)).orElseThrow()));
  }

  @Test
  void columnLetters() {
    assertEquals("A", TemplateWriter.columnLetters(0));
    assertEquals("Z", TemplateWriter.columnLetters(25));
    assertEquals("AA", TemplateWriter.columnLetters(26));
  }
}
