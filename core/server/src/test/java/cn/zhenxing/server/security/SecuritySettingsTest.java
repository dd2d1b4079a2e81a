package cn.zhenxing.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.server.config.ConfigException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The session settings an operator can set, and what a mistyped one says at start-up. */
class SecuritySettingsTest {

  private static SecuritySettings with(String cacheSeconds) {
    return SecuritySettings.from(new JsonObject().put("session", new JsonObject().put("cacheSeconds", cacheSeconds)));
  }

  @Test
  void sessionsAreReusedForTenSecondsUnlessConfigured_zeroTurnsTheCacheOff() {
    assertEquals(Duration.ofSeconds(10), SecuritySettings.from(new JsonObject()).sessionCache());
    assertEquals(Duration.ofSeconds(60), with("60").sessionCache());
    assertEquals(Duration.ZERO, with("0").sessionCache());
  }

  @Test
  void aCacheLongerThanFiveMinutesOrNotANumberStopsStartUpNamingTheSetting() {
    for (String bad : new String[] {"301", "-1", "ten"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> with(bad));
      assertTrue(e.getMessage().contains("security.session.cacheSeconds") && e.getMessage().contains(bad),
          e.getMessage());
    }
  }
}
