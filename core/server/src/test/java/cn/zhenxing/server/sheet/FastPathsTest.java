package cn.zhenxing.server.sheet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The import's fast paths agree with the general code they short-cut. */
class FastPathsTest {

  @ParameterizedTest
  @ValueSource(strings = {"2023-05-26", "2023-5-6", "2023/05/26", "2023.5.26", "2024-02-29", "2023-02-29",
      "2023-13-01", "2023-00-10", "2023-5-", "2023--5", "2023-5/26", "20230526", "2023-005-26", "2023-05-260",
      "２０２３-05-26", "2023-05-26 ", "abcd-05-26", "2023-05-2x", "0000-01-01"})
  void isoDateAgreesWithTheRegexPath(String s) {
    LocalDate fast = CellValues.isoDate(s);
    if (fast != null) {
      assertEquals(Optional.of(fast), CellValues.date(SheetCell.text(s), false), s);
      assertEquals(s.length() - s.replaceAll("[0-9]", "").length() + 2, s.length(), s);
    } else {
      // the general path decides; the fast path never accepts what it refuses
      Optional<LocalDate> general = CellValues.date(SheetCell.text(s), false);
      general.ifPresent(d -> assertEquals(general, CellValues.date(SheetCell.text(s), false)));
    }
  }

  @Test
  void isoDateRefusesImpossibleDates() {
    assertNull(CellValues.isoDate("2023-02-30"));
    assertEquals(Optional.empty(), CellValues.date(SheetCell.text("2023-02-30"), false));
    assertEquals(LocalDate.of(2023, 5, 6), CellValues.isoDate("2023/5/6"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1000.50", "1000", "0.5", ".5", "5.", "1,000.50", "¥ 1,000", "1e3", "-3.2", "+4", "１２.5",
      "1.2.3", ".", "", "12a", "1，000"})
  void decimals(String s) {
    String cleaned = CellValues.normalize(s).replace(",", "").replace("，", "").replace(" ", "").replace("¥", "");
    Optional<BigDecimal> expected = cleaned.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")
        ? Optional.of(new BigDecimal(cleaned)) : Optional.empty();
    assertEquals(expected, CellValues.decimal(SheetCell.text(s)), s);
  }

  @Test
  void copyBufferEncodesLikeEscapeThenGetBytes() {
    Random random = new Random(5);
    char[] alphabet = {'a', 'Z', '0', '\\', '\t', '\n', '\r', 'é', '户', '\u3000', '\uD83D', '\uDE00', 'N', '\u07FF',
        '\u0800', '\uFFFF'};
    for (int round = 0; round < 2000; round++) {
      char[] cs = new char[random.nextInt(12)];
      for (int i = 0; i < cs.length; i++) {
        cs[i] = alphabet[random.nextInt(alphabet.length)];
      }
      String value = new String(cs);
      CopyBuffer out = new CopyBuffer(1);
      out.field(value).ascii('\t').nullValue().ascii('\t').number(round - 1000).ascii('\n');
      String expected = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
          + "\t\\N\t" + (round - 1000) + "\n";
      assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(out.bytes(), out.length()), value);
    }
  }

  @Test
  void utf8CheckAgreesWithTheDecoder() {
    Random random = new Random(7);
    byte[][] cases = {
        "户主,东关村\n".getBytes(StandardCharsets.UTF_8), "户主".getBytes(CsvSource.GB18030),
        {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80},
        {(byte) 0xE6, (byte) 0x88}, {(byte) 0xF5, (byte) 0x80}, {'a', (byte) 0x80}, {}};
    for (byte[] bytes : cases) {
      assertUtf8Agrees(bytes);
    }
    byte[] pool = "aé户😀,\n".getBytes(StandardCharsets.UTF_8);
    for (int round = 0; round < 5000; round++) {
      byte[] bytes = new byte[random.nextInt(10)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : pool[random.nextInt(pool.length)];
      }
      assertUtf8Agrees(bytes);
    }
  }

  private static void assertUtf8Agrees(byte[] bytes) {
    boolean decodes;
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      decodes = true;
    } catch (CharacterCodingException e) {
      decodes = false;
    }
    for (int split = 0; split <= bytes.length; split++) {
      CsvSource.Utf8Check check = new CsvSource.Utf8Check();
      boolean ok = check.accept(bytes, 0, split) && check.accept(bytes, split, bytes.length) && check.complete();
      assertEquals(decodes, ok, Arrays.toString(bytes) + " split at " + split);
    }
  }
}
