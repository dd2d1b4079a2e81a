package cn.zhenxing.server.sheet;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.county.CountyRegistry;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.personal.PersonalData;
import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.ColumnType;
import cn.zhenxing.sdk.sheet.SheetSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks rows against a register's columns: maps the header row to the declared columns, then turns every data row
 * into typed values (sealing personal data) or into the list of everything wrong with it. After {@link #header},
 * {@link #row} and {@link #rawTexts} are safe to call from several threads at once.
 */
final class RowValidator {

  /** A validated row: one value per declared column (String, Long, BigDecimal, LocalDate, Boolean, Sealed or null). */
  record Valid(int rowNo, Object[] values) {
  }

  private final SheetSpec spec;
  private final County county;
  private final CountyRegistry counties;
  private final PersonalData personalData;
  private final boolean excelSerials;
  private int[] positions;
  /** Counties by Chinese name, read once per import (not once per row). */
  private final Map<String, County> countiesByName;

  RowValidator(SheetSpec spec, County county, CountyRegistry counties, PersonalData personalData,
      boolean excelSerials) {
    this.spec = spec;
    this.county = county;
    this.counties = counties;
    this.personalData = personalData;
    this.excelSerials = excelSerials;
    // Built before any row is checked: rows are checked on several threads at once (RowBatch).
    this.countiesByName = new HashMap<>();
    for (County c : counties.counties()) {
      countiesByName.putIfAbsent(c.nameZh(), c);
    }
  }

  static String normalizeHeader(String header) {
    return CellValues.normalize(header).replaceAll("[\\s*]", "");
  }

  /** Reads the header row; answers the problems with it (missing required columns, a column twice). */
  List<RowError> header(SheetRow header) {
    List<RowError> errors = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < header.cells().size(); i++) {
      String name = normalizeHeader(CellValues.text(header.cell(i)));
      if (!name.isEmpty() && seen.putIfAbsent(name, i) != null) {
        errors.add(new RowError(header.rowNo(), name, null, "列名重复 / The column appears twice"));
      }
    }
    positions = new int[spec.columns().size()];
    for (int c = 0; c < positions.length; c++) {
      Column column = spec.columns().get(c);
      Integer at = seen.get(normalizeHeader(column.header()));
      if (at == null) {
        at = seen.get(normalizeHeader(column.key()));
      }
      positions[c] = at == null ? -1 : at;
      if (at == null && column.isRequired()) {
        errors.add(new RowError(header.rowNo(), column.header(), column.key(),
            "缺少必填列「" + column.header() + "」/ The required column is missing"));
      }
    }
    return errors;
  }

  /** The texts of a row in declared column order, personal numbers masked, for the error report. */
  List<String> rawTexts(SheetRow row) {
    List<String> texts = new ArrayList<>(positions.length);
    for (int c = 0; c < positions.length; c++) {
      String text = positions[c] < 0 ? "" : CellValues.text(row.cell(positions[c]));
      // Personal numbers never leave in clear, not even in the report of the user's own file.
      ColumnType type = spec.columns().get(c).type();
      if (!text.isEmpty() && type == ColumnType.ID_CARD) {
        text = PersonalData.maskIdCard(text);
      } else if (!text.isEmpty() && type == ColumnType.PHONE) {
        text = PersonalData.maskPhone(text);
      }
      texts.add(text);
    }
    return texts;
  }

  /** Validates one data row; fills {@code errors} and answers null when it is bad. */
  Valid row(SheetRow row, List<RowError> errors) {
    Object[] values = new Object[positions.length];
    int before = errors.size();
    List<Column> columns = spec.columns();
    for (int c = 0; c < positions.length; c++) {
      Column column = columns.get(c);
      SheetCell cell = row.cell(positions[c]);
      if (cell.blank()) {
        if (column.isRequired()) {
          errors.add(error(row, column, "必填 / Required"));
        }
        continue;
      }
      try {
        values[c] = value(column, cell);
      } catch (Invalid e) {
        errors.add(error(row, column, e.getMessage()));
      }
    }
    return errors.size() == before ? new Valid(row.rowNo(), values) : null;
  }

  private static RowError error(SheetRow row, Column column, String reason) {
    return new RowError(row.rowNo(), column.header(), column.key(), reason);
  }

  private Object value(Column column, SheetCell cell) {
    ColumnType type = column.type();
    return switch (type) {
      case TEXT -> text(column, cell);
      case INTEGER -> CellValues.integer(cell).orElseThrow(() -> new Invalid("不是整数 / Not a whole number"));
      case DECIMAL -> CellValues.decimal(cell).orElseThrow(() -> new Invalid("不是数字 / Not a number"));
      case DATE -> CellValues.date(cell, excelSerials).orElseThrow(() -> new Invalid(
          "不是有效日期，请写成 2023-05-26 或 2023年5月26日 / Not a valid date; write it as 2023-05-26"));
      case BOOLEAN -> CellValues.bool(cell).orElseThrow(() -> new Invalid("请填写“是”或“否” / Write 是 or 否"));
      case ID_CARD, PHONE -> seal(column, cell);
      case COUNTY -> county(cell);
    };
  }

  private String text(Column column, SheetCell cell) {
    String text = CellValues.text(cell);
    if (column.maxChars() > 0 && text.codePointCount(0, text.length()) > column.maxChars()) {
      throw new Invalid("超过 " + column.maxChars() + " 个字 / Longer than " + column.maxChars() + " characters");
    }
    if (!column.allowedValues().isEmpty() && !column.allowedValues().contains(text)) {
      throw new Invalid("不是可选值（" + String.join("、", column.allowedValues()) + "） / Not one of the allowed values");
    }
    return text;
  }

  private Object seal(Column column, SheetCell cell) {
    if (cell.number() != null && column.type() == ColumnType.ID_CARD) {
      // Excel keeps 15 significant digits of a number: an ID number typed as a number has lost its last digits.
      throw new Invalid("身份证号须以文本格式填写（单元格格式设为“文本”） / Enter ID numbers as text, not as numbers");
    }
    try {
      String text = CellValues.text(cell);
      if (column.isIndexOnly()) {
        return column.type() == ColumnType.ID_CARD ? personalData.blindIdCard(column.key(), text)
            : personalData.blindPhone(column.key(), text);
      }
      return column.type() == ColumnType.ID_CARD ? personalData.sealIdCard(column.key(), text)
          : personalData.sealPhone(column.key(), text);
    } catch (Problem p) {
      throw new Invalid(p.errors().isEmpty() ? p.detail() : p.errors().get(0).reason());
    }
  }

  private String county(SheetCell cell) {
    String value = CellValues.text(cell);
    if (value.equals(county.code()) || value.equals(county.nameZh())) {
      return county.code();
    }
    Optional<County> named = counties.byCode(value);
    if (named.isEmpty()) {
      named = Optional.ofNullable(countiesByName.get(value));
    }
    if (named.isEmpty()) {
      throw new Invalid("没有这个县区 / Unknown county");
    }
    if (!named.get().code().equals(county.code())) {
      throw new Invalid("不属于本县区（" + county.nameZh() + " " + county.code() + "），不能导入 / The row belongs to "
          + named.get().code() + ", not to the county of this import (" + county.code() + ")");
    }
    return county.code();
  }

  /** A reason a value is refused, zh-CN / English. */
  static final class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }
}
