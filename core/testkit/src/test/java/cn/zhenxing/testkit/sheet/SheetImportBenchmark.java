package cn.zhenxing.testkit.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * The benchmark of issue 5 (not part of the build): imports a generated CSV through the facility, COPYs the same
 * file into a plain table on the same database, prints both rows/s, the ratio and the peak heap. Run it with
 *
 * <pre>
 *   mvn -o -pl core/testkit test -Dtest=SheetImportBenchmark -Dzx.bench=true -Dzx.bench.rows=1000000 \
 *       -DargLine=-Xmx512m -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "zx.bench", matches = "true")
class SheetImportBenchmark {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin(HouseholdsPlugin.ID, HouseholdsPlugin::new)
      .build();

  private static final String BASE = "/api/v1/households/counties/140721/sheets/households";

  @TempDir
  Path dir;

  @Test
  void importVersusCopy() throws Exception {
    int rows = Integer.getInteger("zx.bench.rows", 1_000_000);
    assertEquals(200, zx.http().put("/api/v1/counties/140721/plugins/households",
        new JsonObject().put("enabled", true)).status());
    Path csv = dir.resolve("households.csv");
    LocalDate birth = LocalDate.of(1950, 1, 1);
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write("户主姓名,身份证号,所在村,户类型,人均纯收入（元）,识别日期,县区\n");
      for (int i = 0; i < rows; i++) {
        String first17 = "140721" + birth.plusDays(i / 999).toString().replace("-", "") + String.format("%03d",
            i % 999);
        out.write("户主" + i + "," + SheetImportEndToEndTest.validId(first17) + ",东关村,边缘易致贫户,"
            + (1000 + i % 9000) + ".50,2023-05-26,榆社县\n");
      }
    }
    System.gc();
    AtomicLong peak = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          if (pool.getType() == MemoryType.HEAP) {
            used += pool.getUsage().getUsed();
          }
        }
        peak.accumulateAndGet(used, Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();

    long began = System.nanoTime();
    TestResponse started = zx.http().upload("POST", BASE + "/imports", "text/csv", csv);
    assertEquals(202, started.status(), started::toString);
    String id = started.json().getString("id");
    JsonObject job;
    do {
      Thread.sleep(200);
      job = zx.http().get(BASE + "/imports/" + id).json();
    } while ("running".equals(job.getString("state")));
    double importSeconds = (System.nanoTime() - began) / 1e9;
    sampler.interrupt();
    assertEquals("imported", job.getString("state"), job::encodePrettily);
    assertEquals(rows, job.getLong("rowsMerged"));

    PgConnectOptions o = PgConnectOptions.fromUri(zx.databaseUri());
    double copySeconds;
    try (Connection jdbc = DriverManager.getConnection("jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/"
        + o.getDatabase(), o.getUser(), o.getPassword())) {
      try (Statement st = jdbc.createStatement()) {
        st.execute("CREATE TABLE public.bench_plain (name text, id_number text, village text, category text,"
            + " income numeric, identified_on date, county text)");
      }
      long copyBegan = System.nanoTime();
      try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
        jdbc.unwrap(PGConnection.class).getCopyAPI()
            .copyIn("COPY public.bench_plain FROM STDIN WITH (FORMAT csv, HEADER true)", in);
      }
      copySeconds = (System.nanoTime() - copyBegan) / 1e9;
    }
    double importRate = rows / importSeconds;
    double copyRate = rows / copySeconds;
    System.out.printf("%n=== sheet import benchmark: %,d rows (%,d bytes) ===%n", rows, Files.size(csv));
    System.out.printf("import (upload, validate, seal, COPY to staging, merge): %.1f s, %,.0f rows/s%n",
        importSeconds, importRate);
    System.out.printf("plain COPY of the same file:                          %.1f s, %,.0f rows/s%n", copySeconds,
        copyRate);
    System.out.printf("ratio: %.0f%% of COPY (goal >= 35%%); peak heap used %,d MB (max %,d MB)%n%n",
        100 * importRate / copyRate, peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
  }
}
