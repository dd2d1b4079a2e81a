package cn.zhenxing.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditQueryTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private static AuditQuery parse(String... pairs) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) {
      params.add(pairs[i], pairs[i + 1]);
    }
    return AuditQuery.parse(params, SHANGHAI);
  }

  private static void assertBad(String parameter, String... pairs) {
    Problem p = assertThrows(Problem.class, () -> parse(pairs));
    assertEquals(400, p.status());
    assertEquals(parameter, p.errors().get(0).field());
    assertTrue(p.detail().contains(parameter), p.detail());
  }

  @Test
  void defaults() {
    AuditQuery q = parse();
    assertEquals(50, q.limit());
    assertEquals(0, q.offset());
    assertNull(q.from());
    assertEquals("", q.where().sql());
  }

  @Test
  void timesWithOffsetZOrLocalInTheServerZone_andAnUnencodedPlus() {
    Instant expected = Instant.parse("2026-11-29T00:00:00Z");
    assertEquals(expected, parse("from", "2026-11-29T00:00:00Z").from());
    assertEquals(expected, parse("from", "2026-11-29T08:00:00+08:00").from());
    assertEquals(expected, parse("from", "2026-11-29T08:00:00 08:00").from());
    assertEquals(expected, parse("from", "2026-11-29T08:00").from());
  }

  @Test
  void filtersBecomeNumberedParameters() {
    AuditQuery q = parse("from", "2026-11-01T00:00:00Z", "user", "Admin", "county", "140702", "plugin", "relief",
        "action", "create", "result", "success", "limit", "500", "offset", "1000");
    AuditQuery.Where where = q.where();
    assertEquals(" WHERE at >= $1 AND username = $2 AND county = $3 AND plugin = $4 AND action = $5 AND result = $6",
        where.sql());
    assertEquals(List.of("admin", "140702", "relief", "create", "success"), where.values().subList(1, 6));
    assertEquals(500, q.limit());
    assertEquals(1000, q.offset());
  }

  @Test
  void badParametersAreNamed() {
    assertBad("from", "from", "yesterday");
    assertBad("to", "to", "2026-02-30T00:00:00Z");
    assertBad("to", "from", "2026-11-02T00:00:00Z", "to", "2026-11-01T00:00:00Z");
    assertBad("limit", "limit", "501");
    assertBad("limit", "limit", "0");
    assertBad("offset", "offset", "-1");
    assertBad("offset", "offset", "1.5");
    assertBad("page", "page", "2");
    assertBad("county", "county", "14070");
    assertBad("plugin", "plugin", "core;drop");
    assertBad("action", "action", "Enable");
    assertBad("result", "result", "ok");
    assertBad("user", "user", " ");
    assertBad("sort", "sort", "at");
    assertBad("from", "from", "2026-11-01T00:00:00Z", "from", "2026-11-02T00:00:00Z");
  }

  @Test
  void requestValuesAreClippedToTheirColumns() {
    assertEquals("abc", AuditTrail.clip("abc", 3));
    assertEquals("ab…", AuditTrail.clip("abcd", 3));
    assertEquals("晋中…", AuditTrail.clip("晋中市榆次区", 3));
    assertNull(AuditTrail.clip(null, 3));
  }
}
