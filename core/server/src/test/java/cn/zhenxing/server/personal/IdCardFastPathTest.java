package cn.zhenxing.server.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The plain-ASCII short cut of {@link IdCardNumbers#normalise} gives what NFKC plus white-space removal gives. */
class IdCardFastPathTest {

  @Test
  void plainAscii() {
    assertTrue(IdCardNumbers.plainAscii("14072119500101001X"));
    assertFalse(IdCardNumbers.plainAscii("140721 19500101001X"));
    assertFalse(IdCardNumbers.plainAscii("14072119500101001\t"));
    assertFalse(IdCardNumbers.plainAscii("１40721195001010010"));
    assertFalse(IdCardNumbers.plainAscii("\u00A0"));
  }

  @Test
  void sameNumberEverySpelling() {
    LocalDate today = LocalDate.of(2026, 1, 1);
    String first17 = "14072119500101001";
    String id = first17 + IdCardNumbers.checkChar(first17);
    assertEquals(id, IdCardNumbers.normalise("f", id, today));
    assertEquals(id, IdCardNumbers.normalise("f", " " + id.substring(0, 6) + " " + id.substring(6) + "\u3000", today));
  }
}
