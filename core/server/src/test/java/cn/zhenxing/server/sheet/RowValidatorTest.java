package cn.zhenxing.server.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.sdk.personal.Sealed;
import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.SheetSpec;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowValidatorTest {

  @TempDir
  Path dir;

  private static final String ID = SheetFixtures.validId("14072119800101123");
  private RowValidator validator;

  @BeforeEach
  void setUp() {
    validator = new RowValidator(SheetFixtures.HOUSEHOLDS, SheetFixtures.YUSHE, SheetFixtures.COUNTIES,
        SheetFixtures.personalData(dir), false);
    // Columns in another order than declared, a required marker, an unknown extra column.
    List<RowError> errors = validator.header(row(1, "身份证号", "户主姓名 *", "所在村", "户类型", "人均纯收入（元）",
        "识别日期", "家庭人口", "县区", "备注"));
    assertEquals(List.of(), errors);
  }

  private static SheetRow row(int no, String... cells) {
    List<SheetCell> list = new ArrayList<>();
    for (String c : cells) {
      list.add(SheetCell.text(c));
    }
    return new SheetRow(no, list);
  }

  @Test
  void aGoodRowBecomesTypedValues_withTheIdNumberSealed() {
    List<RowError> errors = new ArrayList<>();
    RowValidator.Valid valid = validator.row(row(2, ID, "张三", "东村", "边缘易致贫户", "8,650.50", "2023年5月26日",
        "4", "榆社县", "随便"), errors);
    assertEquals(List.of(), errors);
    assertNotNull(valid);
    Object[] v = valid.values();
    assertEquals("张三", v[0]);
    Sealed id = (Sealed) v[1];
    assertEquals(ID.substring(0, 6) + "********" + ID.substring(14), id.masked());
    assertTrue(!id.cipher().contains(ID) && !id.blindIndex().contains(ID));
    assertEquals(new BigDecimal("8650.50"), v[4]);
    assertEquals(LocalDate.of(2023, 5, 26), v[5]);
    assertEquals(4L, v[6]);
    assertEquals("140721", v[7]);
  }

  @Test
  void anIndexOnlyColumnKeepsTheBlindIndexAndTheMaskedFormButNoCipher() {
    SheetSpec matching = SheetSpec.of("matching", "比对")
        .column(Column.idCard("idNumber", "身份证号").required().indexOnly())
        .naturalKey("idNumber");
    RowValidator v = new RowValidator(matching, SheetFixtures.YUSHE, SheetFixtures.COUNTIES,
        SheetFixtures.personalData(dir), false);
    assertEquals(List.of(), v.header(row(1, "身份证号")));
    List<RowError> errors = new ArrayList<>();
    Sealed id = (Sealed) v.row(row(2, ID), errors).values()[0];
    assertEquals(List.of(), errors);
    assertNull(id.cipher(), "never encrypted: no way back to the number is kept");
    assertEquals(SheetFixtures.personalData(dir).idCardIndex("idNumber", ID), id.blindIndex(),
        "the same index as the register's, so it matches");
    assertEquals(ID.substring(0, 6) + "********" + ID.substring(14), id.masked());
    String wrongCheckDigit = ID.substring(0, 17) + (ID.charAt(17) == '0' ? '1' : '0');
    assertNull(v.row(row(3, wrongCheckDigit), errors), "an invalid number is still refused");
    assertEquals(1, errors.size());
    assertThrows(IllegalArgumentException.class, () -> Column.text("name", "姓名").indexOnly());
  }

  @Test
  void everyProblemOfARowIsReported_withTheColumnHeaderAndABilingualReason() {
    List<RowError> errors = new ArrayList<>();
    String wrongCheck = ID.substring(0, 17) + (ID.charAt(17) == '0' ? '1' : '0');
    RowValidator.Valid valid = validator.row(row(7, wrongCheck, "", "东村", "富裕户", "很多", "2023-02-30", "4.5",
        "左权县"), errors);
    assertNull(valid);
    Map<String, String> byColumn = errors.stream().collect(Collectors.toMap(RowError::column, RowError::reason));
    assertEquals(7, errors.size(), errors.toString());
    assertTrue(errors.stream().allMatch(e -> e.row() == 7));
    assertEquals("必填 / Required", byColumn.get("户主姓名"));
    assertTrue(byColumn.get("身份证号").contains("校验位"), byColumn.get("身份证号"));
    assertTrue(byColumn.get("户类型").startsWith("不是可选值（脱贫不稳定户、边缘易致贫户、突发严重困难户）"));
    assertTrue(byColumn.get("人均纯收入（元）").contains("Not a number"));
    assertTrue(byColumn.get("识别日期").contains("Not a valid date"));
    assertTrue(byColumn.get("家庭人口").contains("Not a whole number"));
    assertTrue(byColumn.get("县区").contains("140722"), "another county is refused: " + byColumn.get("县区"));
    assertTrue(errors.stream().allMatch(e -> e.reason().contains(" / ")), "zh-CN / English");
  }

  @Test
  void tooLongTextAndIdNumbersTypedAsNumbers() {
    List<RowError> errors = new ArrayList<>();
    List<SheetCell> cells = new ArrayList<>(row(3, "x", "张三张三张三张三张三张", "东村", "边缘易致贫户").cells());
    cells.set(0, new SheetCell("1.40721198001011E17", new BigDecimal("140721198001011000")));
    assertNull(validator.row(new SheetRow(3, cells), errors));
    assertEquals(2, errors.size(), errors.toString());
    assertTrue(errors.get(0).reason().contains("超过 10 个字"), errors.toString());
    assertTrue(errors.get(1).reason().contains("文本格式"), errors.toString());
  }

  @Test
  void missingRequiredColumnsAndDuplicateHeaders() {
    RowValidator v = new RowValidator(SheetFixtures.HOUSEHOLDS, SheetFixtures.YUSHE, SheetFixtures.COUNTIES,
        SheetFixtures.personalData(dir), false);
    List<RowError> errors = v.header(row(1, "户主姓名", "户主姓名", "户类型"));
    List<String> columns = errors.stream().map(RowError::column).toList();
    assertEquals(List.of("户主姓名", "身份证号", "所在村"), columns, errors.toString());
    assertTrue(errors.get(1).reason().startsWith("缺少必填列"));
  }

  @Test
  void theErrorReportMasksPersonalNumbers() {
    List<String> texts = validator.rawTexts(row(4, ID, "张三"));
    assertEquals(ID.substring(0, 6) + "********" + ID.substring(14), texts.get(1));
  }
}
