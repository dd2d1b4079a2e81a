package cn.zhenxing.testkit;

import static cn.zhenxing.testkit.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.fixtures.GardenPlugin;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: many clerks open records at the same moment. The reads go through {@code PluginContext.reads()}, whose
 * connections carry several statements at once: every clerk still gets exactly the record asked for (or a 404 for
 * another county's), a record is readable the moment it was saved, and the reads never take more PostgreSQL
 * connections than {@code db.readsPoolSize}.
 */
class ReadsClientTest {

  private static final int READS_CONNECTIONS = 2;

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin(GardenPlugin.ID, GardenPlugin::new)
      .config("db.readsPoolSize", String.valueOf(READS_CONNECTIONS))
      .build();

  private static final String YUCI = "/api/v1/garden/counties/140702/plots";
  private static final String TAIGU = "/api/v1/garden/counties/140703/plots";

  @Test
  void concurrentReadsEachGetTheirOwnRecord_onAtMostTheConfiguredConnections() throws Exception {
    zx.setPluginEnabled(GardenPlugin.ID, true, "140702", "140703");
    List<Long> yuci = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      TestResponse created = zx.http().post(YUCI, new JsonObject().put("name", "榆次读地块" + i));
      assertEquals(201, created.status(), created::toString);
      long id = created.json().getLong("id");
      // Saved through the pool, read at once through the reads client.
      TestResponse read = zx.http().get(YUCI + "/" + id);
      assertEquals(200, read.status(), read::toString);
      assertEquals("榆次读地块" + i, read.json().getString("name"));
      yuci.add(id);
    }
    long taigu = zx.http().post(TAIGU, new JsonObject().put("name", "太谷读地块")).json().getLong("id");

    // 120 requests from 24 clients at once: each plot several times, mixed with reads that must find nothing.
    ExecutorService clients = Executors.newFixedThreadPool(24);
    try {
      List<Future<TestResponse>> answers = new ArrayList<>();
      List<Long> asked = new ArrayList<>();
      for (int round = 0; round < 10; round++) {
        for (long id : yuci) {
          asked.add(id);
          answers.add(clients.submit(() -> zx.http().get(YUCI + "/" + id)));
        }
      }
      List<Future<TestResponse>> strangers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        strangers.add(clients.submit(() -> zx.http().get(YUCI + "/" + taigu)));
      }
      Set<Integer> backends = new HashSet<>();
      for (int i = 0; i < answers.size(); i++) {
        TestResponse answer = answers.get(i).get();
        assertEquals(200, answer.status(), answer::toString);
        assertEquals(asked.get(i), answer.json().getLong("id"), "each request gets the record it asked for");
        assertEquals("榆次读地块" + yuci.indexOf(asked.get(i)), answer.json().getString("name"));
        backends.add(answer.json().getInteger("backend"));
      }
      for (Future<TestResponse> stranger : strangers) {
        assertProblem(404, stranger.get());
      }
      assertTrue(backends.size() <= READS_CONNECTIONS,
          "reads used " + backends.size() + " PostgreSQL connections, configured " + READS_CONNECTIONS);
    } finally {
      clients.shutdownNow();
    }
  }
}
