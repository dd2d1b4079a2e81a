package cn.zhenxing.server.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What the authentication step accepts as a token before it looks one up: the shape login issues, nothing else. */
class TokenShapeTest {

  @Test
  void everyTokenLoginCanIssueIsWellFormed() {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 2_000; i++) {
      byte[] raw = new byte[32];
      random.nextBytes(raw);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      assertTrue(Sessions.wellFormed(token), token);
    }
    assertTrue(Sessions.wellFormed("AZaz09-_" + "x".repeat(35)), "every letter of the alphabet");
  }

  @Test
  void anythingElseIsRefusedWithoutAQuery() {
    String good = "a".repeat(43);
    for (String bad : new String[] {null, "", good.substring(1), good + "a", "a".repeat(42) + "=", "a".repeat(42) + "+",
        "a".repeat(42) + "/", "a".repeat(42) + " ", "a".repeat(42) + "é", "a".repeat(42) + "'"}) {
      assertFalse(Sessions.wellFormed(bad), String.valueOf(bad));
    }
  }
}
