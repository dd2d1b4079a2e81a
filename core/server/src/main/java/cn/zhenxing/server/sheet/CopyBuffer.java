package cn.zhenxing.server.sheet;

import java.util.Arrays;

/**
 * Lines of COPY's text format, encoded straight into UTF-8 bytes (no intermediate {@code StringBuilder} and
 * {@code String}): backslash, tab, line feed and carriage return are escaped, {@code \N} stands for null. A lone
 * surrogate becomes {@code ?}, as {@link String#getBytes} does.
 */
final class CopyBuffer {

  private byte[] bytes;
  private int length;

  CopyBuffer(int capacity) {
    bytes = new byte[capacity];
  }

  int length() {
    return length;
  }

  byte[] bytes() {
    return bytes;
  }

  void clear() {
    length = 0;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }

  CopyBuffer ascii(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  CopyBuffer number(long n) {
    if (n >= 0 && n < 10) {
      return ascii((char) ('0' + n));
    }
    String s = Long.toString(n);
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      bytes[length++] = (byte) s.charAt(i);
    }
    return this;
  }

  CopyBuffer nullValue() {
    ensure(2);
    bytes[length++] = '\\';
    bytes[length++] = 'N';
    return this;
  }

  /** A field value (null gives {@code \N}), escaped and UTF-8 encoded. */
  CopyBuffer field(String value) {
    if (value == null) {
      return nullValue();
    }
    int n = value.length();
    // At most 3 bytes a char (a surrogate pair: 4 bytes for 2 chars), at most 2 for an escaped one.
    ensure(n * 3);
    byte[] b = bytes;
    int at = length;
    int i = 0;
    // The common case first: a run of plain ASCII (cipher texts, blind indexes, numbers, dates).
    for (; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x80 || c == '\\' || c == '\t' || c == '\n' || c == '\r') {
        break;
      }
      b[at++] = (byte) c;
    }
    for (; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        switch (c) {
          case '\\' -> {
            b[at++] = '\\';
            b[at++] = '\\';
          }
          case '\t' -> {
            b[at++] = '\\';
            b[at++] = 't';
          }
          case '\n' -> {
            b[at++] = '\\';
            b[at++] = 'n';
          }
          case '\r' -> {
            b[at++] = '\\';
            b[at++] = 'r';
          }
          default -> b[at++] = (byte) c;
        }
      } else if (c < 0x800) {
        b[at++] = (byte) (0xC0 | (c >> 6));
        b[at++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        char d;
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(d = value.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, d);
          i++;
          b[at++] = (byte) (0xF0 | (cp >> 18));
          b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          b[at++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          b[at++] = '?';
        }
      } else {
        b[at++] = (byte) (0xE0 | (c >> 12));
        b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[at++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    length = at;
    return this;
  }
}
