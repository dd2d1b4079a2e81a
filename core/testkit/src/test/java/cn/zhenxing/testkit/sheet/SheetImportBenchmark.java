package cn.zhenxing.testkit.sheet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.zhenxing.testkit.HeapPeak;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * The benchmark of issue 5 (not part of the build): imports a generated CSV through the facility, COPYs the same
 * file into a plain table and into one with the same unique index as the plugin's target, prints the rows/s, the
 * ratios and the peak heap; then imports a 200,000-row {@code .xlsx} (shared and inline strings) under the same heap.
 * No figure is asserted. Run it with
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
    zx.setPluginEnabled(HouseholdsPlugin.ID, true, "140721");
    Path csv = dir.resolve("households.csv");
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write("户主姓名,身份证号,所在村,户类型,人均纯收入（元）,识别日期,县区\n");
      for (int i = 0; i < rows; i++) {
        out.write("户主" + i + "," + id(i) + ",东关村,边缘易致贫户,"
            + (1000 + i % 9000) + ".50,2023-05-26,榆社县\n");
      }
    }
    HeapPeak heap = new HeapPeak();
    warmUp(csv, dir.resolve("warm-up.csv"), heap);
    double importSeconds = importFile(csv, "text/csv", rows, heap);
    long importHeap = heap.peak();

    PgConnectOptions o = PgConnectOptions.fromUri(zx.databaseUri());
    double copySeconds;
    double indexedCopySeconds;
    try (Connection jdbc = DriverManager.getConnection("jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/"
        + o.getDatabase(), o.getUser(), o.getPassword())) {
      try (Statement st = jdbc.createStatement()) {
        st.execute("CREATE TABLE public.bench_plain (name text, id_number text, village text, category text,"
            + " income numeric, identified_on date, county text)");
        // The same unique index as the plugin's target (households.household UNIQUE (id_index)), on the number.
        st.execute("CREATE TABLE public.bench_indexed (name text, id_number text, village text, category text,"
            + " income numeric, identified_on date, county text, CONSTRAINT bench_indexed_unique UNIQUE (id_number))");
      }
      copySeconds = copy(jdbc, csv, "public.bench_plain");
      indexedCopySeconds = copy(jdbc, csv, "public.bench_indexed");
    }

    // An .xlsx import, 200,000 rows, under the same heap: written as Excel writes it (shared strings) and with
    // inline strings, to tell the reader's shared-strings table apart from the rows themselves.
    int xlsxRows = Integer.getInteger("zx.bench.xlsxRows", 200_000);
    String xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    Path shared = writeXlsx(dir.resolve("shared.xlsx"), xlsxRows, 1_000_000, false);
    double sharedSeconds = importFile(shared, xlsxType, xlsxRows, heap);
    long sharedHeap = heap.peak();
    Path inline = writeXlsx(dir.resolve("inline.xlsx"), xlsxRows, 2_000_000, true);
    double inlineSeconds = importFile(inline, xlsxType, xlsxRows, heap);
    long inlineHeap = heap.peak();

    double importRate = rows / importSeconds;
    double copyRate = rows / copySeconds;
    double indexedRate = rows / indexedCopySeconds;
    long max = Runtime.getRuntime().maxMemory() >> 20;
    System.out.printf("%n=== sheet import benchmark: %,d rows (%,d bytes) ===%n", rows, Files.size(csv));
    System.out.printf("import (upload, validate, seal, COPY to staging, merge): %.1f s, %,.0f rows/s%n",
        importSeconds, importRate);
    System.out.printf("plain COPY of the same file, unindexed table:         %.1f s, %,.0f rows/s%n", copySeconds,
        copyRate);
    System.out.printf("plain COPY of the same file, unique-indexed table:    %.1f s, %,.0f rows/s%n",
        indexedCopySeconds, indexedRate);
    System.out.printf("ratio: %.0f%% of unindexed COPY, %.0f%% of indexed COPY (goal >= 35%%); peak heap used %,d MB"
        + " (max %,d MB)%n", 100 * importRate / copyRate, 100 * importRate / indexedRate, importHeap >> 20, max);
    System.out.printf("xlsx import, %,d rows, shared strings (%,d bytes): %.1f s, %,.0f rows/s, peak heap %,d MB%n",
        xlsxRows, Files.size(shared), sharedSeconds, xlsxRows / sharedSeconds, sharedHeap >> 20);
    System.out.printf("xlsx import, %,d rows, inline strings (%,d bytes): %.1f s, %,.0f rows/s, peak heap %,d MB%n%n",
        xlsxRows, Files.size(inline), inlineSeconds, xlsxRows / inlineSeconds, inlineHeap >> 20);
  }

  private static String id(int i) {
    LocalDate birth = LocalDate.of(1950, 1, 1);
    String first17 = "140721" + birth.plusDays(i / 999).toString().replace("-", "") + String.format("%03d", i % 999);
    return SheetImportEndToEndTest.validId(first17);
  }

  private static Path writeXlsx(Path file, int rows, int firstId, boolean inlineStrings) throws IOException {
    String[] headers = {"户主姓名", "身份证号", "所在村", "户类型", "人均纯收入（元）", "识别日期", "县区"};
    try (OutputStream out = Files.newOutputStream(file)) {
      Workbook wb = new Workbook(out, "bench", "1.0");
      Worksheet ws = wb.newWorksheet("监测户");
      for (int c = 0; c < headers.length; c++) {
        ws.value(0, c, headers[c]);
      }
      for (int i = 0; i < rows; i++) {
        int r = i + 1;
        String[] texts = {"户主" + i, id(firstId + i), "东关村", "边缘易致贫户"};
        for (int c = 0; c < texts.length; c++) {
          if (inlineStrings) {
            ws.inlineString(r, c, texts[c]);
          } else {
            ws.value(r, c, texts[c]);
          }
        }
        ws.value(r, 4, new BigDecimal((1000 + i % 9000) + ".50"));
        ws.value(r, 5, LocalDate.of(2023, 5, 26));
        ws.style(r, 5).format("yyyy-mm-dd").set();
        if (inlineStrings) {
          ws.inlineString(r, 6, "榆社县");
        } else {
          ws.value(r, 6, "榆社县");
        }
        if (r % 10_000 == 0) {
          ws.flush();
        }
      }
      wb.finish();
    }
    return file;
  }

  private static double copy(Connection jdbc, Path csv, String table) throws Exception {
    long began = System.nanoTime();
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      jdbc.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv, HEADER true)", in);
    }
    return (System.nanoTime() - began) / 1e9;
  }

  /**
   * A dry run of the file's first {@code zx.bench.warmupRows} rows (default 200,000; 0 for none): read, validated,
   * sealed and staged, nothing merged, so the measured import runs on compiled code, as on a server that has been up
   * for a while, rather than sharing the 2 cores with the JIT compiler.
   */
  private static void warmUp(Path csv, Path warmUp, HeapPeak heap) throws Exception {
    int rows = Integer.getInteger("zx.bench.warmupRows", 200_000);
    if (rows <= 0) {
      return;
    }
    try (java.util.stream.Stream<String> lines = Files.lines(csv, StandardCharsets.UTF_8)) {
      Files.write(warmUp, (Iterable<String>) lines.limit(rows + 1L)::iterator, StandardCharsets.UTF_8);
    }
    double seconds = importFile(warmUp, "text/csv", rows, heap, true);
    System.out.printf("warm-up: dry run of %,d rows in %.1f s%n", rows, seconds);
  }

  private static double importFile(Path file, String contentType, int rows, HeapPeak heap) throws Exception {
    return importFile(file, contentType, rows, heap, false);
  }

  /**
   * Uploads a file, waits for the import (or its dry run) and answers its wall time; {@code heap} holds the peak heap
   * meanwhile.
   */
  private static double importFile(Path file, String contentType, int rows, HeapPeak heap, boolean dryRun)
      throws Exception {
    System.gc();
    heap.start();
    long began = System.nanoTime();
    JsonObject job = zx.http().importSheet(BASE, dryRun ? "?dryRun=true" : "", contentType, file);
    double seconds = (System.nanoTime() - began) / 1e9;
    heap.stop();
    if (dryRun) {
      assertEquals("validated", job.getString("state"), job::encodePrettily);
      assertEquals(rows, job.getLong("rowsValid"));
      return seconds;
    }
    assertEquals("imported", job.getString("state"), job::encodePrettily);
    assertEquals(rows, job.getLong("rowsMerged"));
    return seconds;
  }
}
