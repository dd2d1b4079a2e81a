package cn.zhenxing.server.sheet;

import java.util.List;

/** One row of a file, numbered as the user sees it in Excel (the header is row 1). */
record SheetRow(int rowNo, List<SheetCell> cells) {

  SheetCell cell(int index) {
    return index < 0 || index >= cells.size() ? SheetCell.EMPTY : cells.get(index);
  }

  boolean blank() {
    for (int i = 0; i < cells.size(); i++) {
      if (!cells.get(i).blank()) {
        return false;
      }
    }
    return true;
  }
}
