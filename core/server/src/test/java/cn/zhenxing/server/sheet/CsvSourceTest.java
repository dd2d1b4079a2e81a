package cn.zhenxing.server.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {

  @TempDir
  Path dir;

  private static final String TEXT = "户主姓名,所在村\r\n张三,\"东村, 一组\"\r\n\"李\"\"四\"\"\",\"多行\n地址\"\n王五,西村";

  private List<SheetRow> read(byte[] bytes) throws IOException {
    Path file = dir.resolve("f.csv");
    Files.write(file, bytes);
    List<SheetRow> rows = new ArrayList<>();
    try (RowSource source = RowSource.open(file, RowSource.Kind.CSV)) {
      source.forEachRemaining(rows::add);
    }
    return rows;
  }

  private static void assertParsed(List<SheetRow> rows) {
    assertEquals(4, rows.size());
    assertEquals("户主姓名", rows.get(0).cell(0).text());
    assertEquals("东村, 一组", rows.get(1).cell(1).text());
    assertEquals("李\"四\"", rows.get(2).cell(0).text());
    assertEquals("多行\n地址", rows.get(2).cell(1).text());
    assertEquals("王五", rows.get(3).cell(0).text());
    assertEquals(List.of(1, 2, 3, 4), rows.stream().map(SheetRow::rowNo).toList(), "records, as Excel numbers rows");
  }

  @Test
  void utf8WithoutBom() throws IOException {
    assertParsed(read(TEXT.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void utf8WithBom() throws IOException {
    byte[] body = TEXT.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    List<SheetRow> rows = read(bytes);
    assertParsed(rows);
    assertEquals("户主姓名", rows.get(0).cell(0).text(), "the BOM is not part of the first header");
  }

  @Test
  void gb18030AsChineseExcelSavesIt() throws IOException {
    Charset gb = Charset.forName("GB18030");
    assertFalse(CsvSourceTest.isUtf8(TEXT.getBytes(gb), dir));
    assertParsed(read(TEXT.getBytes(gb)));
  }

  @Test
  void gbkBytesLateInALongFileAreStillDetected() throws IOException {
    StringBuilder ascii = new StringBuilder("name,village\n");
    for (int i = 0; i < 20_000; i++) {
      ascii.append("a").append(i).append(",b\n");
    }
    ascii.append("张三,东村\n");
    List<SheetRow> rows = read(ascii.toString().getBytes(Charset.forName("GB18030")));
    assertEquals("张三", rows.get(rows.size() - 1).cell(0).text());
  }

  @Test
  void emptyTrailingFieldsAndBlankLines() throws IOException {
    List<SheetRow> rows = read("a,b,c\n1,,\n\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(3, rows.size());
    assertEquals(3, rows.get(1).cells().size());
    assertTrue(rows.get(1).cell(2).blank());
    assertTrue(rows.get(2).blank());
  }

  @Test
  void anUnclosedQuoteIsAFileError() {
    assertThrows(SheetFileException.class, () -> read("a,b\n\"open,1\n".getBytes(StandardCharsets.UTF_8)));
  }

  static boolean isUtf8(byte[] bytes, Path dir) throws IOException {
    Path file = Files.write(dir.resolve("probe"), bytes);
    return CsvSource.isUtf8(file);
  }
}
