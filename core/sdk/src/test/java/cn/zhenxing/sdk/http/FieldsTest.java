package cn.zhenxing.sdk.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldsTest {

  @Test
  void oneAnswerNamesEveryBadFieldWithItsReason() {
    Fields f = Fields.of(new JsonObject()
        .put("name", "   ")
        .put("tonnes", "-3")
        .put("start", "2023/05/26")
        .put("status", "done")
        .put("count", 2.5));
    f.text("name", 20, true);
    f.decimal("tonnes", BigDecimal.ZERO, null, true);
    f.date("start", true);
    f.oneOf("status", List.of("open", "closed"), true);
    f.integer("count", 0, 10, false);

    Problem problem = assertThrows(Problem.class, f::validate);

    assertEquals(422, problem.status());
    assertEquals(List.of("name", "tonnes", "start", "status", "count"),
        problem.errors().stream().map(FieldError::field).toList());
    assertEquals("必填 / required", problem.errors().get(0).reason());
  }

  @Test
  void goodValuesAreReadTrimmedAndTyped() {
    Fields f = Fields.of(new JsonObject()
        .put("name", " 榆社古建维修 ")
        .put("tonnes", "20000.50")
        .put("start", "2023-05-26")
        .put("count", 7));

    assertEquals("榆社古建维修", f.text("name", 6, true));
    assertEquals(new BigDecimal("20000.50"), f.decimal("tonnes", BigDecimal.ZERO, null, true));
    assertEquals(LocalDate.of(2023, 5, 26), f.date("start", true));
    assertEquals(7L, f.integer("count", 0, 10, true));
    assertNull(f.date("end", false));
    f.validate();
  }

  @Test
  void tooLongTextIsCountedInCharactersNotBytes() {
    Fields f = Fields.of(new JsonObject().put("name", "祁县琉璃器皿"));
    f.text("name", 5, true);
    assertEquals("不能超过 5 个字符 / must be at most 5 characters", f.errors().get(0).reason());
  }

  @Test
  void nestedObjectsReportTheirPath() {
    JsonObject body = new JsonObject().put("members", new JsonArray().add(new JsonObject()));
    Fields f = Fields.of(body);
    JsonArray members = f.array("members", 10, true);
    f.nested(members.getJsonObject(0), "members[0]").text("name", 20, true);
    f.check(false, "members", "至少一人是户主 / one member must be the head");

    assertEquals(List.of("members[0].name", "members"), f.errors().stream().map(FieldError::field).toList());
  }

  @Test
  void queryStyleTextValuesAreReadAsNumbersMonthsAndBooleans() {
    Fields f = Fields.of(new JsonObject().put("year", "2023").put("month", "2023-06").put("late", "true")
        .put("bad", "2023-13"));

    assertEquals(2023L, f.integer("year", 2000, 2100, true));
    assertEquals(java.time.YearMonth.of(2023, 6), f.month("month", true));
    assertEquals(true, f.bool("late", false));
    assertNull(f.month("bad", true));
    assertEquals(List.of("bad"), f.errors().stream().map(FieldError::field).toList());
  }
}
