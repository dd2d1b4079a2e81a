package cn.zhenxing.server.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.server.personal.PhoneNumbers.Phone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

  @ParameterizedTest
  @ValueSource(strings = {"13812345678", "138 1234 5678", "138-1234-5678", "+8613812345678", "+86 138 1234 5678",
      "+86-138-1234-5678", "008613812345678", "8613812345678", " 13812345678 ", "１３８１２３４５６７８"})
  void mobileFormsNormaliseToElevenDigits(String value) {
    Phone phone = PhoneNumbers.normalise("phone", value);
    assertTrue(phone.mobile());
    assertEquals("13812345678", phone.digits());
    assertEquals("13812345678", phone.display());
  }

  @Test
  void everyMobilePrefixFrom13To19IsAccepted() {
    for (int second = 3; second <= 9; second++) {
      assertTrue(PhoneNumbers.normalise("phone", "1" + second + "012345678").mobile());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0354-3012345", "03543012345", "0354 3012345", "035-43012345", "+86 354 3012345"})
  void landlineFormsNormaliseByAreaCode(String value) {
    Phone phone = PhoneNumbers.normalise("phone", value);
    assertFalse(phone.mobile());
    assertEquals("03543012345", phone.digits());
    assertEquals("0354-3012345", phone.display());
  }

  @Test
  void threeDigitAreaCodesAndEightDigitNumbers() {
    assertEquals("010-12345678", PhoneNumbers.normalise("phone", "010-12345678").display());
    assertEquals("010-12345678", PhoneNumbers.normalise("phone", "01012345678").display());
    assertEquals("021-1234567", PhoneNumbers.normalise("phone", "0211234567").display());
    assertEquals("0354-30123456", PhoneNumbers.normalise("phone", "035430123456").display());
  }

  @ParameterizedTest
  @ValueSource(strings = {"12812345678", "1381234567", "138123456789", "23812345678", "+1 415 555 0100",
      "0354-12345", "0354-123456789", "010-123456", "phone", "138abcd5678", "+86", "0"})
  void refusesWhatIsNoMainlandNumber(String value) {
    Problem p = assertThrows(Problem.class, () -> PhoneNumbers.normalise("contact.phone", value), value);
    assertEquals(422, p.status());
    assertEquals("contact.phone", p.errors().get(0).field());
    assertEquals(PhoneNumbers.FORMAT, p.errors().get(0).reason());
  }

  @Test
  void refusesMissingValues() {
    for (String value : new String[] {null, "", "  ", "--"}) {
      Problem p = assertThrows(Problem.class, () -> PhoneNumbers.normalise("phone", value));
      assertEquals(PhoneNumbers.REQUIRED, p.errors().get(0).reason());
    }
  }
}
