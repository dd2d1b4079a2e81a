package cn.zhenxing.sdk.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SheetSpecTest {

  @Test
  void columnsAreImmutableAndDescribeThemselves() {
    Column plain = Column.text("category", "户类型");
    Column declared = plain.required().dictionary("甲", " 乙 ").note("说明");
    assertFalse(plain.isRequired(), "the original is unchanged");
    assertTrue(declared.isRequired());
    assertEquals(List.of("甲", "乙"), declared.allowedValues());
    assertEquals("说明", declared.noteText());
    assertEquals("id_number", Column.idCard("idNumber", "身份证号").sqlName());
    assertTrue(Column.idCard("idNumber", "身份证号").isMaskedOnExport(), "personal data is masked by default");
    assertThrows(IllegalArgumentException.class, () -> Column.date("d", "日期").dictionary("x"));
    assertThrows(IllegalArgumentException.class, () -> Column.text("Bad-Key", "x"));
    assertThrows(IllegalArgumentException.class, () -> plain.dictionary("甲", "甲"));
  }

  @Test
  void aSpecNeedsUniqueColumnsAndARequiredNaturalKey() {
    SheetSpec spec = SheetSpec.of("households", "监测户")
        .column(Column.text("name", "姓名").required())
        .column(Column.idCard("idNumber", "身份证号").required());
    assertThrows(IllegalArgumentException.class, spec::validate, "no natural key yet");
    assertThrows(IllegalArgumentException.class, () -> spec.column(Column.text("name", "别名")));
    assertThrows(IllegalArgumentException.class, () -> spec.column(Column.text("other", "姓名")));
    assertThrows(IllegalArgumentException.class, () -> spec.naturalKey("missing"));
    assertThrows(IllegalArgumentException.class,
        () -> spec.column(Column.text("note", "备注")).naturalKey("note"), "a natural key column must be required");
    SheetSpec done = spec.naturalKey("idNumber").validate();
    assertEquals(List.of("idNumber"), done.naturalKeyColumns());
    assertThrows(IllegalArgumentException.class, () -> SheetSpec.of("Households", "x"));
    assertThrows(IllegalArgumentException.class, () -> SheetSpec.of("h", "a/b"), "not a valid sheet name");
  }
}
