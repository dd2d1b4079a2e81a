package cn.zhenxing.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.server.config.ConfigException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class AuditRetentionConfigTest {

  private static JsonObject security(Object days) {
    return new JsonObject().put("audit", new JsonObject().put("retentionDays", days));
  }

  @Test
  void readsWholeNumbersOfAtLeast180Days_fromYamlNumbersOrOverrideStrings() {
    assertEquals(180, AuditRetention.retentionDays(security(180)));
    assertEquals(365, AuditRetention.retentionDays(security("365")));
    assertEquals(400, AuditRetention.retentionDays(security(" 400 ")));
  }

  @Test
  void refusesLessThan180DaysOrNonsense_namingTheSetting() {
    for (Object bad : new Object[] {179, "90", 0, -1, "half a year", 180.5, 100_000}) {
      ConfigException e = assertThrows(ConfigException.class, () -> AuditRetention.retentionDays(security(bad)),
          String.valueOf(bad));
      assertTrue(e.getMessage().contains("security.audit.retentionDays"), e.getMessage());
    }
    ConfigException missing = assertThrows(ConfigException.class,
        () -> AuditRetention.retentionDays(new JsonObject()));
    assertTrue(missing.getMessage().contains("security.audit.retentionDays"), missing.getMessage());
  }

  @Test
  void theJobIsDailyAndCityWide() {
    AuditRetention job = new AuditRetention(null, null, 200);
    assertTrue(job.spec().isCityWide());
    assertEquals("30 3 * * *", job.spec().cronExpression());
    assertThrows(IllegalArgumentException.class, () -> new AuditRetention(null, null, 179));
  }
}
