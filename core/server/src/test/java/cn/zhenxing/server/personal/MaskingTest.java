package cn.zhenxing.server.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.zhenxing.sdk.personal.PersonalData;
import org.junit.jupiter.api.Test;

class MaskingTest {

  @Test
  void idCardKeepsRegionAndLastFour() {
    assertEquals("140721********1234", PersonalData.maskIdCard("140721199003071234"));
    assertEquals("110105********002X", PersonalData.maskIdCard("11010519491231002X"));
    assertEquals("****", PersonalData.maskIdCard(null));
    assertEquals("****", PersonalData.maskIdCard("12345"));
  }

  @Test
  void mobileKeepsPrefixAndLastFour() {
    assertEquals("138****5678", PersonalData.maskPhone("13812345678"));
    assertEquals("138****5678", PersonalData.maskPhone("+86 138-1234-5678"));
  }

  @Test
  void landlineKeepsAreaCodeAndLastFour() {
    assertEquals("0354-***2345", PersonalData.maskPhone("0354-3012345"));
    assertEquals("0354-***2345", PersonalData.maskPhone("03543012345"));
    assertEquals("010-****5678", PersonalData.maskPhone("010-12345678"));
    assertEquals("0354-****3456", PersonalData.maskPhone("0354-30123456"));
  }

  @Test
  void otherValuesNeverShowMoreThanSevenCharacters() {
    assertEquals("****", PersonalData.maskPhone(null));
    assertEquals("****", PersonalData.maskPhone("12345"));
    assertEquals("123**7890", PersonalData.maskPhone("123457890"));
  }
}
