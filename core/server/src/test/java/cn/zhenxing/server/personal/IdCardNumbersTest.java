package cn.zhenxing.server.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.sdk.http.Problem;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdCardNumbersTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

  @Test
  void acceptsValidNumbersWithComputedCheckDigits() {
    for (String first17 : new String[] {"14072119900307123", "14070220000229001", "14072420261129999",
        "11010519491231002", "44052418800101001"}) {
      String id = TestIds.valid(first17);
      assertEquals(id, IdCardNumbers.normalise("idNumber", id, TODAY), first17);
    }
  }

  @Test
  void acceptsTheExamplesPublishedWithTheStandard() {
    assertEquals("11010519491231002X", IdCardNumbers.normalise("id", "11010519491231002X", TODAY));
    assertEquals("440524188001010014", IdCardNumbers.normalise("id", "440524188001010014", TODAY));
    assertEquals('X', IdCardNumbers.checkChar("11010519491231002"));
    assertEquals('4', IdCardNumbers.checkChar("44052418800101001"));
  }

  @Test
  void refusesAWrongCheckDigitNamingTheField() {
    String wrong = TestIds.wrongCheck("14072119900307123");
    Problem p = assertThrows(Problem.class, () -> IdCardNumbers.normalise("idNumber", wrong, TODAY));
    assertEquals(422, p.status());
    assertEquals("idNumber", p.errors().get(0).field());
    assertEquals(IdCardNumbers.CHECK_DIGIT, p.errors().get(0).reason());
    assertTrue(p.errors().get(0).reason().contains("校验位") && p.errors().get(0).reason().contains("check digit"));
    assertFalse(p.getMessage().contains(wrong), "the value must not appear in the problem");
  }

  @Test
  void everyWrongCheckCharacterIsRefused() {
    String valid = TestIds.valid("14072119900307123");
    for (char c : "0123456789X".toCharArray()) {
      String candidate = valid.substring(0, 17) + c;
      if (c == valid.charAt(17)) {
        assertEquals(valid, IdCardNumbers.normalise("id", candidate, TODAY));
      } else {
        assertProblem(IdCardNumbers.CHECK_DIGIT, candidate);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"14072119900230123", "14072119901301123", "14072119900431123", "14072119000229123",
      "14072119900000123", "14072117000101123"})
  void refusesImpossibleDatesOfBirth(String first17) {
    assertProblem(IdCardNumbers.BAD_DATE, TestIds.valid(first17));
  }

  @Test
  void acceptsLeapDaysAndToday_refusesTomorrow() {
    assertEquals(TestIds.valid("14072120000229123"), IdCardNumbers.normalise("id", TestIds.valid("14072120000229123"),
        TODAY));
    String today = TestIds.valid("14072120261129123");
    assertEquals(today, IdCardNumbers.normalise("id", today, TODAY));
    assertProblem(IdCardNumbers.FUTURE_DATE, TestIds.valid("14072120261130123"));
    assertProblem(IdCardNumbers.FUTURE_DATE, TestIds.valid("14072130000101123"));
  }

  @Test
  void normalisesLowerCaseXAndSpaces() {
    String withX = TestIds.endingInX("14072119900307");
    String lower = withX.substring(0, 17) + "x";
    assertEquals(withX, IdCardNumbers.normalise("id", lower, TODAY));
    assertEquals(withX, IdCardNumbers.normalise("id", "  " + lower + " \t", TODAY));
    assertEquals(withX, IdCardNumbers.normalise("id", withX.substring(0, 6) + " " + withX.substring(6, 14) + " "
        + withX.substring(14), TODAY));
    // Full-width digits, a full-width X and an ideographic space, as a Chinese input method may type them.
    StringBuilder fullWidth = new StringBuilder("\u3000");
    for (char c : lower.toCharArray()) {
      fullWidth.append(c == 'x' ? '\uFF58' : (char) (c - '0' + '\uFF10'));
    }
    assertEquals(withX, IdCardNumbers.normalise("id", fullWidth.toString(), TODAY));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1407211990030712", "1407211990030712345", "14072119900307123A", "1407211990030712X4",
      "X40721199003071234", "140721-19900307-1234"})
  void refusesMalformedNumbers(String value) {
    assertProblem(IdCardNumbers.FORMAT, value);
  }

  @Test
  void refusesMissingValues() {
    assertProblem(IdCardNumbers.REQUIRED, null);
    assertProblem(IdCardNumbers.REQUIRED, "");
    assertProblem(IdCardNumbers.REQUIRED, "   ");
  }

  private static void assertProblem(String reason, String value) {
    Problem p = assertThrows(Problem.class, () -> IdCardNumbers.normalise("idNumber", value, TODAY),
        () -> "expected refusal of " + value);
    assertEquals(422, p.status());
    assertEquals("idNumber", p.errors().get(0).field());
    assertEquals(reason, p.errors().get(0).reason(), () -> "reason for " + value);
  }
}
