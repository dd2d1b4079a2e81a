package cn.zhenxing.server.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CellValuesTest {

  private static final LocalDate MAY_26 = LocalDate.of(2023, 5, 26);

  @ParameterizedTest
  @ValueSource(strings = {"2023-05-26", "2023-5-26", "2023/5/26", "2023/05/26", "2023.5.26", "2023年5月26日",
      "2023年05月26日", "20230526", " 2023-05-26 ", "２０２３－０５－２６", "2023-05-26 00:00:00", "2023年5月26"})
  void chineseDateSpellings(String text) {
    assertEquals(Optional.of(MAY_26), CellValues.date(SheetCell.text(text), false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2023-02-30", "2023-13-01", "26/05/2023", "昨天", "2023", "45072"})
  void notDates(String text) {
    assertTrue(CellValues.date(SheetCell.text(text), false).isEmpty(), text);
  }

  @Test
  void excelSerialDatesInXlsxOnly() {
    SheetCell serial = new SheetCell("45072", new BigDecimal("45072"));
    assertEquals(Optional.of(MAY_26), CellValues.date(serial, true));
    assertEquals(Optional.of(LocalDate.of(1900, 3, 1)), CellValues.date(new SheetCell("61", BigDecimal.valueOf(61)),
        true));
    assertEquals(Optional.of(MAY_26), CellValues.date(new SheetCell("45072.5", new BigDecimal("45072.5")), true),
        "a time of day is dropped");
  }

  @Test
  void numbers() {
    assertEquals(Optional.of(new BigDecimal("3500.50")), CellValues.decimal(SheetCell.text("3,500.50")));
    assertEquals(Optional.of(new BigDecimal("12")), CellValues.decimal(SheetCell.text("１２")));
    assertTrue(CellValues.decimal(SheetCell.text("12元")).isEmpty());
    assertEquals(Optional.of(4L), CellValues.integer(SheetCell.text("4")));
    assertEquals(Optional.of(4L), CellValues.integer(new SheetCell("4.0", new BigDecimal("4.0"))));
    assertTrue(CellValues.integer(SheetCell.text("4.5")).isEmpty());
    assertEquals("140721", CellValues.text(new SheetCell("140721", new BigDecimal("140721"))));
  }

  @Test
  void booleans() {
    assertEquals(Optional.of(true), CellValues.bool(SheetCell.text("是")));
    assertEquals(Optional.of(false), CellValues.bool(SheetCell.text("否")));
    assertEquals(Optional.of(true), CellValues.bool(SheetCell.text("Y")));
    assertTrue(CellValues.bool(SheetCell.text("也许")).isEmpty());
  }
}
