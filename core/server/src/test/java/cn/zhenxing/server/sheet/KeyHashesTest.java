package cn.zhenxing.server.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.sdk.personal.Sealed;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class KeyHashesTest {

  @Test
  void aMillionDistinctKeysNeedNoDatabaseSearch_oneRepeatDoes() {
    KeyHashes keys = new KeyHashes();
    for (int i = 0; i < 1_000_000; i++) {
      keys.add(KeyHashes.of(new Object[] {"140721" + i}));
    }
    assertFalse(keys.mayHaveDuplicates());

    keys.add(KeyHashes.of(new Object[] {"140721" + 123_456}));
    assertTrue(keys.mayHaveDuplicates());
  }

  @Test
  void keysHashAsTheDatabaseComparesThem() {
    assertEquals(KeyHashes.of(new Object[] {new BigDecimal("1.5")}), KeyHashes.of(new Object[] {new BigDecimal("1.50")}),
        "numeric 1.5 = 1.50");
    assertEquals(KeyHashes.of(new Object[] {new Sealed("cipher-a", "index", "m")}),
        KeyHashes.of(new Object[] {new Sealed("cipher-b", "index", "m")}), "a sealed value by its blind index");
    assertNotEquals(KeyHashes.of(new Object[] {"ab", "c"}), KeyHashes.of(new Object[] {"a", "bc"}),
        "the boundary between key columns counts");
    assertEquals(KeyHashes.of(new Object[] {LocalDate.of(2023, 5, 26), null}),
        KeyHashes.of(new Object[] {LocalDate.of(2023, 5, 26), null}));
  }
}
