package cn.zhenxing.server.sheet;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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
    return new CsvSource(new BufferedReader(new InputStreamReader(in, charset), BUFFER), charset);
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
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
    CharBuffer chars = CharBuffer.allocate(BUFFER);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] chunk = new byte[BUFFER];
      int n;
      while ((n = in.read(chunk, 0, bytes.remaining())) > 0) {
        bytes.put(chunk, 0, n);
        bytes.flip();
        CoderResult result = decoder.decode(bytes, chars, false);
        if (result.isError()) {
          return false;
        }
        chars.clear();
        bytes.compact();
      }
      bytes.flip();
      CoderResult result = decoder.decode(bytes, chars, true);
      if (result.isError() || bytes.hasRemaining()) {
        return false;
      }
      return !decoder.flush(chars).isError();
    } catch (CharacterCodingException e) {
      return false;
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
    int c = reader.read();
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
          int d = reader.read();
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
          reader.mark(1);
          if (reader.read() != '\n') {
            reader.reset();
          }
        }
        cells.add(SheetCell.text(field.toString()));
        recordNo++;
        return new SheetRow(recordNo, cells);
      } else {
        field.append((char) c);
      }
      c = reader.read();
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
