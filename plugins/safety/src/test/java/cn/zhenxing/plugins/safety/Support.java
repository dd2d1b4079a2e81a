package cn.zhenxing.plugins.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;

/** What the plugin's tests share. */
final class Support {

  private Support() {
  }

  static void enable(ZhenxingExtension zx, String... counties) {
    zx.setPluginEnabled("safety", true, counties);
  }

  static void setEnabled(ZhenxingExtension zx, String county, boolean enabled) {
    zx.setPluginEnabled("safety", enabled, county);
  }

  /** Asserts a 200 and answers the body. */
  static JsonObject ok(TestResponse r) {
    assertEquals(200, r.status(), r::toString);
    return r.json();
  }

  /** Asserts a 201 and answers the body. */
  static JsonObject created(TestResponse r) {
    assertEquals(201, r.status(), r::toString);
    return r.json();
  }

  static long count(ZhenxingExtension zx, String sql, Object... params) {
    return zx.sql(sql, params).iterator().next().getLong(0);
  }
}
