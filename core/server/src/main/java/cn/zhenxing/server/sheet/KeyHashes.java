package cn.zhenxing.server.sheet;

import java.math.BigDecimal;

/**
 * The natural keys of an import's rows as 64-bit hashes in an open-addressing set, to learn while reading whether
 * any two rows might share a key. Equal keys always hash equal, so when no hash repeats the file has no duplicates
 * and the import skips the database's duplicate search (a GROUP BY over every staged row, seconds for a million).
 * A repeated hash only means "maybe": the database then decides, as before. About 16 bytes a row; past
 * {@link #MAX_KEYS} keys the set gives up and the database decides.
 */
final class KeyHashes {

  static final int MAX_KEYS = 4_000_000;
  private static final long EMPTY = 0L;

  private long[] slots = new long[1 << 16];
  private int size;
  private boolean zeroSeen;
  private boolean repeated;
  private boolean overflowed;

  /** Adds a row's key hash; remembers whether it was seen before. */
  void add(long hash) {
    if (repeated || overflowed) {
      return;
    }
    if (hash == EMPTY) {
      repeated |= zeroSeen;
      zeroSeen = true;
      return;
    }
    if (size >= MAX_KEYS) {
      overflowed = true;
      slots = null;
      return;
    }
    if ((size + 1) * 2L > slots.length) {
      grow();
    }
    if (!insert(slots, hash)) {
      repeated = true;
      return;
    }
    size++;
  }

  /** Whether the database must look for duplicates: some hash repeated, or there were too many keys to track. */
  boolean mayHaveDuplicates() {
    return repeated || overflowed;
  }

  private static boolean insert(long[] table, long hash) {
    int mask = table.length - 1;
    int i = (int) (mix(hash) & mask);
    while (table[i] != EMPTY) {
      if (table[i] == hash) {
        return false;
      }
      i = (i + 1) & mask;
    }
    table[i] = hash;
    return true;
  }

  private void grow() {
    long[] bigger = new long[slots.length * 2];
    for (long h : slots) {
      if (h != EMPTY) {
        insert(bigger, h);
      }
    }
    slots = bigger;
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  /**
   * The hash of a natural key: its values in order, each as SQL compares it (a decimal without trailing zeros, so
   * 1.5 and 1.50 are one key, as in the staging table's numeric column; a sealed value by its blind index).
   */
  static long of(Object[] keyValues) {
    long h = 0xcbf29ce484222325L;
    for (Object v : keyValues) {
      String text = v == null ? "\u0000null" : v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString()
          : v instanceof cn.zhenxing.sdk.personal.Sealed s ? s.blindIndex() : v.toString();
      for (int i = 0; i < text.length(); i++) {
        h ^= text.charAt(i);
        h *= 0x100000001b3L;
      }
      h ^= 0x1f;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
