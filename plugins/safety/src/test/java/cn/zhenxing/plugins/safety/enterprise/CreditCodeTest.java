package cn.zhenxing.plugins.safety.enterprise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The GB 32100-2015 check character, against codes published with it. */
class CreditCodeTest {

  @Test
  void acceptsPublishedCodes() {
    // The example of GB 32100-2015 itself, and a well-known company's code.
    assertNull(CreditCode.problem("91350100M000100Y43"));
    assertNull(CreditCode.problem("914403001922038216"));
    assertEquals('3', CreditCode.checkCharacter("91350100M000100Y4"));
  }

  @Test
  void namesWhatIsWrong() {
    assertTrue(CreditCode.problem("91350100M000100Y44").contains("校验码"));
    assertTrue(CreditCode.problem("91350100M000100Y4").contains("18"));
    assertTrue(CreditCode.problem("91350100M0001O0Y43").contains("第 14 位"));
    assertTrue(CreditCode.problem("913501A0M000100Y43").contains("3–8"));
    assertEquals("91350100M000100Y43", CreditCode.normalise(" 91350100m000100y43 "));
  }
}
