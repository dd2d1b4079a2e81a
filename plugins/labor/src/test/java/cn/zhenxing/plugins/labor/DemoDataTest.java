package cn.zhenxing.plugins.labor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: an installation started with demo data shows every county a plausible programme — labourers in proportion
 * to its target, most of them employed, some outside the province — all of it marked as demo.
 */
class DemoDataTest {

  /** 2 % of the real size keeps the test quick; the distribution is what is checked. */
  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().plugin("labor", LaborPlugin::new)
      .config("demoData", "true").config("plugins.labor.demoScale", "0.02").build();

  @Test
  void everyCountyHasMarkedDemoLabourersEmployedNearItsTargetShare() {
    JsonObject targets = zx.http().get("/api/v1/labor/targets").json();
    for (Object o : targets.getJsonArray("items")) {
      JsonObject county = (JsonObject) o;
      double employedShare = county.getLong("employed") / (0.02 * county.getInteger("employedTarget"));
      assertTrue(employedShare > 0.9 && employedShare < 1.1, "employed near 2 % of the target: " + county);
      assertTrue(county.getLong("outside") > 0 && county.getLong("outside") < county.getLong("employed"),
          county::encode);
    }
    Row marks = zx.sql("SELECT count(*) FILTER (WHERE NOT demo OR name NOT LIKE '【演示】%') AS unmarked,"
        + " count(DISTINCT county_code) AS counties, count(*) AS n FROM labor.labourer").iterator().next();
    assertEquals(0L, marks.getLong("unmarked"));
    assertEquals(11L, marks.getLong("counties"));
    assertEquals(0L, zx.sql("SELECT count(*) FROM labor.employment WHERE NOT demo OR employer NOT LIKE '【演示】%'")
        .iterator().next().getLong(0));
    for (String table : new String[] {"graduate", "intermediary", "course", "training_session", "trainee"}) {
      assertTrue(zx.sql("SELECT count(*) FROM labor." + table).iterator().next().getLong(0) > 0, table);
    }
    JsonObject outcomes = zx.http().get("/api/v1/labor/counties/140722/training-outcomes").json();
    assertTrue(outcomes.getJsonArray("items").getJsonObject(0).getInteger("completed") > 0, outcomes::encode);
  }
}
