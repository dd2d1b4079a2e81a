package cn.zhenxing.server.sheet;

import java.math.BigDecimal;

/**
 * One cell as read from a file: its text, and for a numeric {@code .xlsx} cell also its number (Excel keeps dates as
 * serial numbers, so a date cell arrives as a number).
 */
record SheetCell(String text, BigDecimal number) {

  static final SheetCell EMPTY = new SheetCell("", null);

  static SheetCell text(String text) {
    return text == null || text.isEmpty() ? EMPTY : new SheetCell(text, null);
  }

  boolean blank() {
    return number == null && text.isBlank();
  }
}
