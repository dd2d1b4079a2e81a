package cn.zhenxing.server.sheet;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An RFC 4180 CSV file (quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF) in UTF-8 with or
 * without BOM, or in GB18030 as Chinese Excel saves "CSV (逗号分隔)". The encoding is decided by reading the whole file
 * once: valid UTF-8 is UTF-8, anything else GB18030 (a superset of GBK and GB2312).
 */
final class CsvSource implements RowSource {

  static final Charset GB18030 = Charset.forName("GB18030");
  private static final int BUFFER = 1 << 16;

  private final Reader reader;
  private final Charset charset;
  private int recordNo;
  private SheetRow next;
  private boolean done;
  private final StringBuilder field = new StringBuilder();
  /** Own buffering: {@code BufferedReader.read()} takes a lock for every character. */
  private final char[] buffer = new char[BUFFER];
  private int position;
  private int limit;

  private CsvSource(Reader reader, Charset charset) {
    this.reader = reader;
    this.charset = charset;
  }

  static CsvSource open(Path file) throws IOException {
    boolean bom = hasUtf8Bom(file);
    Charset charset = bom || isUtf8(file) ? StandardCharsets.UTF_8 : GB18030;
    InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    if (bom) {
      in.skipNBytes(3);
    }
    return new CsvSource(new InputStreamReader(in, charset), charset);
  }

  Charset charset() {
    return charset;
  }

  private static boolean hasUtf8Bom(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes(3);
      return b.length == 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
    }
  }

  /** Whether the whole file decodes as UTF-8 (streaming, constant memory). */
  static boolean isUtf8(Path file) throws IOException {
    Utf8Check check = new Utf8Check();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] chunk = new byte[BUFFER];
      int n;
      while ((n = in.read(chunk)) > 0) {
        if (!check.accept(chunk, 0, n)) {
          return false;
        }
      }
    }
    return check.complete();
  }

  /**
   * A streaming UTF-8 well-formedness check (Unicode table 3-7: no overlong forms, no surrogates, nothing above
   * U+10FFFF), exactly what a reporting {@link java.nio.charset.CharsetDecoder} accepts, but without decoding: runs of
   * ASCII are skipped a byte at a time with no other work.
   */
  static final class Utf8Check {
    private int need;
    private int lo = 0x80;
    private int hi = 0xBF;

    /** Feeds bytes; false as soon as they cannot be UTF-8. */
    boolean accept(byte[] bytes, int from, int to) {
      int i = from;
      while (i < to) {
        if (need == 0) {
          while (i < to && bytes[i] >= 0) {
            i++;
          }
          if (i == to) {
            return true;
          }
          int b = bytes[i++] & 0xFF;
          if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
          } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            lo = b == 0xE0 ? 0xA0 : 0x80;
            hi = b == 0xED ? 0x9F : 0xBF;
          } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            lo = b == 0xF0 ? 0x90 : 0x80;
            hi = b == 0xF4 ? 0x8F : 0xBF;
          } else {
            return false;
          }
        } else {
          int b = bytes[i++] & 0xFF;
          if (b < lo || b > hi) {
            return false;
          }
          lo = 0x80;
          hi = 0xBF;
          need--;
        }
      }
      return true;
    }

    /** Whether the input ended on a character boundary. */
    boolean complete() {
      return need == 0;
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      try {
        next = readRecord();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      done = next == null;
    }
    return next != null;
  }

  @Override
  public SheetRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    SheetRow row = next;
    next = null;
    return row;
  }

  private SheetRow readRecord() throws IOException {
    int c = read();
    if (c < 0) {
      return null;
    }
    List<SheetCell> cells = new ArrayList<>();
    field.setLength(0);
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (quoted) {
        if (c < 0) {
          throw new SheetFileException("第 " + (recordNo + 1) + " 行的引号没有闭合 / Row " + (recordNo + 1)
              + ": a quoted field is not closed");
        }
        if (c == '"') {
          int d = read();
          if (d == '"') {
            field.append('"');
          } else {
            quoted = false;
            c = d;
            continue;
          }
        } else {
          field.append((char) c);
        }
      } else if (c == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',' ) {
        cells.add(SheetCell.text(field.toString()));
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\r' || c == '\n' || c < 0) {
        if (c == '\r') {
          if (peek() == '\n') {
            read();
          }
        }
        cells.add(SheetCell.text(field.toString()));
        recordNo++;
        return new SheetRow(recordNo, cells);
      } else {
        field.append((char) c);
      }
      c = read();
    }
  }

  private int read() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position++];
  }

  private int peek() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position];
  }

  private boolean fill() throws IOException {
    int n = reader.read(buffer, 0, buffer.length);
    if (n <= 0) {
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
