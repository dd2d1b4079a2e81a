package cn.zhenxing.server.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.sdk.personal.Sealed;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class StagingTest {

  private final Staging staging = new Staging(SheetFixtures.HOUSEHOLDS, "households", "abc123",
      SheetFixtures.YUSHE);

  @Test
  void tableAndCopyStatementNameTheStagedColumns() {
    assertEquals("households.zx_stage_abc123", staging.table());
    assertEquals("COPY households.zx_stage_abc123 (row_no, county_code, name, id_number_cipher, id_number_index, "
        + "id_number_masked, village, category, income, identified_on, members) FROM STDIN", staging.copySql());
    assertTrue(staging.createSql().contains("id_number_index text, id_number_masked text, village text"),
        staging.createSql());
    assertTrue(staging.createSql().contains("income numeric, identified_on date, members bigint)"));
    assertEquals("id_number_index", staging.index("idNumber"));
    assertEquals("identified_on", staging.column("identifiedOn"));
    assertThrows(IllegalArgumentException.class, () -> staging.column("idNumber"), "sealed: use cipher/index/masked");
    assertEquals(java.util.List.of("id_number_index"), staging.keyColumns());
  }

  @Test
  void copyLinesEscapeTabsNewlinesAndBackslashes_andWriteNullsAsBackslashN() {
    StringBuilder out = new StringBuilder();
    Object[] values = {"张\t三\\", new Sealed("v1:c", "idx", "1407********1234"), "东村\n一组", "边缘易致贫户",
        new BigDecimal("8650.50"), LocalDate.of(2023, 5, 26), null, "140721"};
    staging.appendLine(out, new RowValidator.Valid(2, values));
    assertEquals("2\t140721\t张\\t三\\\\\tv1:c\tidx\t1407********1234\t东村\\n一组\t边缘易致贫户\t8650.50\t2023-05-26\t\\N\n",
        out.toString());
  }

  @Test
  void unsafeIdentifiersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Staging(SheetFixtures.HOUSEHOLDS, "x; drop", "abc",
        SheetFixtures.YUSHE));
  }
}
