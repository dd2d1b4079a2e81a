package cn.zhenxing.testkit.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.zhenxing.testkit.Eventually;
import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** What the spreadsheet tests share: waiting for an import job to end, counting what reached the table. */
final class ImportJobs {

  private ImportJobs() {
  }

  /** Polls {@code <registerPath>/imports/<id>} through {@code http} until the job is no longer running. */
  static JsonObject awaitEnd(TestHttp http, String registerPath, String id) {
    TestResponse last = Eventually.poll(Duration.ofSeconds(90), "import " + id + " to finish",
        () -> http.get(registerPath + "/imports/" + id),
        r -> r.status() != 200 || !"running".equals(r.json().getString("state")));
    assertEquals(200, last.status(), last::toString);
    return last.json();
  }

  /** The households the test plugin holds, in every county. */
  static long households(ZhenxingExtension zx) {
    return zx.sql("SELECT count(*) AS n FROM households.household").iterator().next().getLong("n");
  }
}
