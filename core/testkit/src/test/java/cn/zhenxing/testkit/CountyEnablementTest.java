package cn.zhenxing.testkit;

import static cn.zhenxing.testkit.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.fixtures.GardenPlugin;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: the city administrator switches a programme on and off per county, and county staff see the effect on the
 * programme's county pages at once.
 */
class CountyEnablementTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin(GardenPlugin.ID, GardenPlugin::new)
      .build();

  private static final String YUCI_PLOTS = "/api/v1/garden/counties/140702/plots";

  @Test
  void aCountySeesTheProgrammeOnlyWhileItEnablesIt_andChangesApplyWithoutRestart() {
    setEnabled("140702", false);
    setEnabled("140703", true);

    JsonObject refused = assertProblem(403, zx.http().get(YUCI_PLOTS));
    assertEquals("/problems/plugin-not-enabled", refused.getString("type"));
    assertTrue(refused.getString("detail").contains("140702"), refused::encode);
    assertTrue(refused.getString("detail").contains("garden"), refused::encode);

    TestResponse enabled = zx.http().put("/api/v1/counties/140702/plugins/garden", new JsonObject().put("enabled", true));
    assertEquals(200, enabled.status(), enabled::toString);
    assertTrue(enabled.json().getJsonArray("plugins").contains("garden"), enabled::toString);

    TestResponse plots = zx.http().get(YUCI_PLOTS);
    assertEquals(200, plots.status(), plots::toString);
    assertEquals("140702", plots.json().getString("county"));

    setEnabled("140702", false);
    // The very next request, no restart in between.
    JsonObject again = assertProblem(403, zx.http().get(YUCI_PLOTS));
    assertTrue(again.getString("detail").contains("140702") && again.getString("detail").contains("garden"),
        again::encode);
    // Another county's switch is its own.
    assertEquals(200, zx.http().get("/api/v1/garden/counties/140703/plots").status());

    setEnabled("140702", true);
    assertEquals(200, zx.http().get(YUCI_PLOTS).status());
  }

  @Test
  void unknownCountiesAndTheCityItselfAreNotFoundOnCountyPages() {
    setEnabled("140702", true);

    JsonObject unknown = assertProblem(404, zx.http().get("/api/v1/garden/counties/140799/plots"));
    assertTrue(unknown.getString("detail").contains("140799"), unknown::encode);

    // 140700 is Jinzhong city: data never belongs to it, so it has no county pages.
    assertProblem(404, zx.http().get("/api/v1/garden/counties/140700/plots"));

    // City-wide pages are not behind the county check.
    TestResponse summary = zx.http().get("/api/v1/garden/summary");
    assertEquals(200, summary.status(), summary::toString);
  }

  @Test
  void thePluginListShowsTheEnablingCounties_andDecisionsSurviveARestart() {
    for (String county : List.of("140702", "140703", "140721")) {
      setEnabled(county, true);
    }
    setEnabled("140721", false);
    assertEquals(List.of("140702", "140703"), enablingCounties());

    zx.restart();

    assertEquals(List.of("140702", "140703"), enablingCounties());
    assertEquals(200, zx.http().get(YUCI_PLOTS).status());
    assertProblem(403, zx.http().get("/api/v1/garden/counties/140721/plots"));
    JsonObject county = zx.http().get("/api/v1/counties/140721").json();
    assertTrue(!county.getJsonArray("plugins").contains("garden"), county::encode);
  }

  @Test
  void enablingAPluginThatIsNotInstalledIsNotFound() {
    JsonObject problem = assertProblem(404, zx.http().put("/api/v1/counties/140702/plugins/orchard",
        new JsonObject().put("enabled", true)));
    assertTrue(problem.getString("detail").contains("orchard"), problem::encode);
    assertProblem(404, zx.http().put("/api/v1/counties/140799/plugins/garden", new JsonObject().put("enabled", true)));
  }

  @Test
  void enabledMustBeABooleanAndTheAnswerNamesTheField() {
    setEnabled("140702", true);

    TestResponse response = zx.http().put("/api/v1/counties/140702/plugins/garden", "{\"enabled\": \"yes\"}");
    assertTrue(response.status() >= 400 && response.status() < 500, response::toString);
    JsonObject problem = assertProblem(response.status(), response);
    JsonArray errors = problem.getJsonArray("errors");
    assertEquals("enabled", errors.getJsonObject(0).getString("field"), problem::encode);
    assertTrue(problem.getString("detail").contains("enabled"), problem::encode);
    // Nothing changed.
    assertEquals(200, zx.http().get(YUCI_PLOTS).status());
  }

  private static void setEnabled(String county, boolean enabled) {
    TestResponse r = zx.http().put("/api/v1/counties/" + county + "/plugins/garden",
        new JsonObject().put("enabled", enabled));
    assertEquals(200, r.status(), r::toString);
  }

  private static List<Object> enablingCounties() {
    TestResponse r = zx.http().get("/api/v1/plugins");
    assertEquals(200, r.status(), r::toString);
    JsonObject garden = r.json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("id").equals("garden")).findFirst().orElseThrow();
    assertEquals("started", garden.getString("state"), garden::encode);
    return garden.getJsonArray("counties").getList();
  }

  @Test
  void aSwitchMadeThroughOneServerProcessReachesTheOthersWithinSeconds() {
    setEnabled("140702", true);
    cn.zhenxing.server.ZhenxingServer other = zx.startAnother();
    try {
      TestHttp otherHttp = AdminLogin.on(other.port());
      assertEquals(200, otherHttp.get(YUCI_PLOTS).status());

      setEnabled("140702", false);

      Eventually.poll(java.time.Duration.ofSeconds(15), "the other process to refuse 140702",
          () -> otherHttp.get(YUCI_PLOTS).status(), status -> status == 403);
    } finally {
      other.stop().join();
    }
  }
}
