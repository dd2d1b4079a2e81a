package cn.zhenxing.server.sheet;

import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.ColumnType;
import cn.zhenxing.sdk.sheet.SheetSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The import template of a register: a data sheet with the Chinese headers (required ones bold and red), an example
 * row and a dropdown on every dictionary column; a visible lists sheet holding the dictionaries; and a notes sheet
 * explaining every column.
 */
final class TemplateWriter {

  /** Rows of the data sheet that get the dropdowns and formats. */
  static final int TEMPLATE_ROWS = 10_000;
  static final String NOTES_SHEET = "填写说明";
  static final String LISTS_SHEET = "可选值";

  private TemplateWriter() {
  }

  static void write(SheetSpec spec, OutputStream out) throws IOException {
    Workbook wb = new Workbook(out, "Zhenxing", "1.0");
    Worksheet data = wb.newWorksheet(spec.title());
    Worksheet notes = wb.newWorksheet(NOTES_SHEET);
    boolean anyList = spec.columns().stream().anyMatch(c -> !c.allowedValues().isEmpty());
    Worksheet lists = anyList ? wb.newWorksheet(LISTS_SHEET) : null;
    int listColumn = 0;
    for (int c = 0; c < spec.columns().size(); c++) {
      Column column = spec.columns().get(c);
      data.value(0, c, column.header());
      var headerStyle = data.style(0, c).bold().fillColor("DDEBF7");
      if (column.isRequired()) {
        headerStyle.fontColor("C00000");
      }
      headerStyle.set();
      data.width(c, Math.max(12, Math.min(40, column.header().length() * 2.5 + 4)));
      writeExample(data, c, column);
      String format = excelFormat(column);
      if (format != null) {
        data.range(1, c, TEMPLATE_ROWS, c).style().format(format).set();
      }
      if (!column.allowedValues().isEmpty()) {
        lists.value(0, listColumn, column.header());
        lists.style(0, listColumn).bold().set();
        for (int i = 0; i < column.allowedValues().size(); i++) {
          lists.value(i + 1, listColumn, column.allowedValues().get(i));
        }
        lists.width(listColumn, 20);
        String col = columnLetters(listColumn);
        data.range(1, c, TEMPLATE_ROWS, c)
            .validateWithListByFormula("'" + LISTS_SHEET + "'!$" + col + "$2:$" + col + "$"
                + (column.allowedValues().size() + 1))
            .allowBlank(!column.isRequired()).showErrorMessage(true)
            .errorTitle("无效值 / Invalid value")
            .error("请从下拉列表中选择 / Pick a value from the list");
        listColumn++;
      }
    }
    data.freezePane(0, 1);
    writeNotes(spec, notes);
    wb.finish();
  }

  private static String excelFormat(Column column) {
    if (column.excelFormat() != null) {
      return column.excelFormat();
    }
    return switch (column.type()) {
      case ID_CARD, PHONE, TEXT, COUNTY -> "@";
      case DATE -> "yyyy-mm-dd";
      default -> null;
    };
  }

  private static void writeExample(Worksheet data, int c, Column column) {
    String example = column.exampleValue();
    if (example != null) {
      data.value(1, c, example);
      return;
    }
    switch (column.type()) {
      case TEXT -> data.value(1, c, column.allowedValues().isEmpty() ? "示例" : column.allowedValues().get(0));
      case INTEGER -> data.value(1, c, 3);
      case DECIMAL -> data.value(1, c, 8650.5);
      case DATE -> data.value(1, c, LocalDate.of(2023, 5, 26));
      case BOOLEAN -> data.value(1, c, "是");
      case ID_CARD -> data.value(1, c, "11010519491231002X");
      case PHONE -> data.value(1, c, "13800138000");
      case COUNTY -> data.value(1, c, "（本县区）");
      default -> { }
    }
  }

  private static void writeNotes(SheetSpec spec, Worksheet notes) {
    String[] headers = {"列名", "字段", "类型", "必填", "可选值", "说明"};
    for (int i = 0; i < headers.length; i++) {
      notes.value(0, i, headers[i]);
      notes.style(0, i).bold().fillColor("DDEBF7").set();
    }
    int r = 1;
    for (Column column : spec.columns()) {
      notes.value(r, 0, column.header());
      notes.value(r, 1, column.key());
      notes.value(r, 2, typeName(column.type()));
      notes.value(r, 3, column.isRequired() ? "是" : "否");
      notes.value(r, 4, String.join("、", column.allowedValues()));
      StringBuilder note = new StringBuilder(column.noteText() == null ? "" : column.noteText());
      if (spec.naturalKeyColumns().contains(column.key())) {
        note.append(note.length() > 0 ? "；" : "").append("唯一标识：再次导入相同值时更新原记录");
      }
      if (column.maxChars() > 0) {
        note.append(note.length() > 0 ? "；" : "").append("最多 ").append(column.maxChars()).append(" 个字");
      }
      notes.value(r, 5, note.toString());
      r++;
    }
    r++;
    notes.value(r++, 0, "说明：第 1 行为表头，请勿修改；第 2 行为示例，导入前请删除或改写。红色列名为必填。");
    notes.value(r++, 0, "日期可写作 2023-05-26、2023/5/26、2023.5.26、2023年5月26日 或 20230526。");
    notes.value(r++, 0, "身份证号请以文本格式填写；整个文件有任何一行错误时不导入任何数据，并列出全部错误行。");
    notes.value(r, 0, "Row 1 is the header; row 2 is an example. Red headers are required. Any bad row stops the "
        + "whole import and every bad row is listed.");
    notes.width(0, 18);
    notes.width(1, 14);
    notes.width(2, 10);
    notes.width(4, 30);
    notes.width(5, 50);
  }

  static String typeName(ColumnType type) {
    return switch (type) {
      case TEXT -> "文本";
      case INTEGER -> "整数";
      case DECIMAL -> "数字";
      case DATE -> "日期";
      case BOOLEAN -> "是/否";
      case ID_CARD -> "身份证号";
      case PHONE -> "电话号码";
      case COUNTY -> "县区（代码或名称）";
    };
  }

  static String columnLetters(int index) {
    StringBuilder s = new StringBuilder();
    int n = index + 1;
    while (n > 0) {
      int rem = (n - 1) % 26;
      s.insert(0, (char) ('A' + rem));
      n = (n - 1) / 26;
    }
    return s.toString();
  }
}
