package cn.zhenxing.plugins.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import cn.zhenxing.sdk.personal.Sealed;
import cn.zhenxing.testkit.HeapPeak;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Row;
import java.io.BufferedWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * The benchmark of issue 6 (not part of the build; no figure is asserted): registers H households (default 100,000,
 * 2–3 members each, ID numbers sealed with the server's key), writes a medical-insurance batch of R person records
 * (default 1,000,000: every registered member once, the rest people outside the register, about 3 % above the
 * 脱贫户 self-paid threshold), and times the whole comparison through the {@code comparison} sheet register — upload,
 * parse, validate, seal, stage, the plugin's checks, match by blind index, judge by the rule set, raise signals and
 * warnings; then {@code COPY}s the same file into a plain table on the same database and prints both rows/s, the
 * ratio (goal ≥ 25 %) and the peak heap (goal &lt; 512 MB). Run it with
 *
 * <pre>
 *   mvn -o -pl plugins/monitoring test -Dtest=ComparisonBenchmark -Dzx.bench=true -DargLine=-Xmx512m \
 *       -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "zx.bench", matches = "true")
class ComparisonBenchmark {

  /** Hands the benchmark the platform's personal-data facility, to seal the members' numbers as the server does. */
  public static final class KeyProbe implements ZhenxingPlugin {
    static volatile PluginContext context;

    @Override
    public void register(PluginContext ctx) {
      context = ctx;
    }
  }

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin("monitoring", MonitoringPlugin::new)
      .plugin("benchkeys", KeyProbe::new)
      .build();

  private static final String YUSHE = "140721";
  private static final String REGISTER = "/api/v1/monitoring/counties/" + YUSHE + "/sheets/comparison";
  private static final String IMPORTS = REGISTER + "/imports";
  private static final LocalDate FIRST_BIRTH = LocalDate.of(1950, 1, 1);

  @TempDir
  Path dir;

  @Test
  void comparisonVersusCopy() throws Exception {
    int households = Integer.getInteger("zx.bench.households", 100_000);
    int records = Integer.getInteger("zx.bench.records", 1_000_000);
    long t0 = System.nanoTime();
    int members = register(households);
    System.out.printf("registered %,d households with %,d members in %.1f s%n", households, members,
        (System.nanoTime() - t0) / 1e9);
    Path csv = writeBatch(records, members);
    warmUp(csv);

    HeapPeak heap = new HeapPeak();
    System.gc();
    heap.start();
    long began = System.nanoTime();
    TestResponse started = zx.http().upload("POST", IMPORTS, "text/csv", csv);
    assertEquals(202, started.status(), started::toString);
    JsonObject job;
    StringBuilder phases = new StringBuilder();
    String phase = null;
    long phaseBegan = began;
    do {
      Thread.sleep(100);
      job = zx.http().get(IMPORTS + "/" + started.json().getString("id")).json();
      if (!job.getString("phase", "").equals(phase)) {
        long now = System.nanoTime();
        if (phase != null) {
          phases.append(String.format(" %s %.1f s;", phase, (now - phaseBegan) / 1e9));
        }
        phase = job.getString("phase", "");
        phaseBegan = now;
      }
    } while ("running".equals(job.getString("state")));
    phases.append(String.format(" %s %.1f s", phase, (System.nanoTime() - phaseBegan) / 1e9));
    double seconds = (System.nanoTime() - began) / 1e9;
    heap.stop();
    assertEquals("imported", job.getString("state"), job::encodePrettily);
    JsonObject batch = zx.http().get("/api/v1/monitoring/counties/" + YUSHE + "/comparison/batches").json()
        .getJsonArray("items").getJsonObject(0);

    double copySeconds = copy(csv);
    double rate = records / seconds;
    double copyRate = records / copySeconds;
    System.out.printf("%n=== comparison benchmark: %,d records (%,d bytes) against %,d households ===%n", records,
        Files.size(csv), households);
    System.out.printf("comparison (upload, parse, validate, seal, stage, check, match, judge, raise): %.1f s,"
        + " %,.0f rows/s%n", seconds, rate);
    System.out.println("  phases (as polled every 100 ms):" + phases);
    System.out.printf("  batch: read %,d, matched %,d, unmatched %,d, signals %,d, warnings %,d; merge %,d ms%n",
        batch.getLong("rowsRead"), batch.getLong("matched"), batch.getLong("unmatched"),
        batch.getLong("signalsRaised"), batch.getLong("warningsRaised"), batch.getLong("durationMs"));
    System.out.printf("plain COPY of the same file, unindexed table: %.1f s, %,.0f rows/s%n", copySeconds, copyRate);
    System.out.printf("ratio: %.0f%% of COPY (goal >= 25%%); peak heap used %,d MB (max %,d MB, goal < 512 MB)%n%n",
        100 * rate / copyRate, heap.peak() >> 20, Runtime.getRuntime().maxMemory() >> 20);
  }

  /** Households by SQL, members sealed in Java with the server's key (their blind index must be the real one). */
  private int register(int households) {
    zx.sql("INSERT INTO monitoring.household (county_code, township, village, household_no, head_name, category,"
        + " income_per_capita, income_from, income_to, demo, created_at, updated_at)"
        + " SELECT $1, '城关镇', '王家庄村', 'BENCH-' || i, '王建国', CASE WHEN i % 20 < 17 THEN '脱贫户' ELSE '一般农户' END,"
        + " 9000 + i % 5000, '2025-01-01', '2025-12-31', true, now(), now()"
        + " FROM generate_series(1, $2::int) i ORDER BY i", YUSHE, households);
    List<Long> ids = new ArrayList<>();
    for (Row r : zx.sql("SELECT id FROM monitoring.household WHERE county_code = $1 ORDER BY id", YUSHE)) {
      ids.add(r.getLong(0));
    }
    PluginContext ctx = KeyProbe.context;
    String[] relations = {"户主", "配偶", "子女"};
    int person = 0;
    Chunk chunk = new Chunk();
    for (int h = 0; h < ids.size(); h++) {
      for (int r = 0; r < 2 + h % 2; r++) {
        Sealed id = ctx.personalData().sealIdCard("idNumber", idNumber(person++));
        chunk.add(ids.get(h), id, relations[r]);
      }
      if (chunk.size() >= 10_000 || h == ids.size() - 1) {
        zx.sql("INSERT INTO monitoring.member (household_id, county_code, name, id_cipher, id_index, id_masked,"
            + " relation, birth_date, labour, health, schooling, main_earner, demo)"
            + " SELECT h, $1, '王建国', c, i, m, r, DATE '1980-01-01', '普通劳动力', '健康', '非在校生', r = '户主', true"
            + " FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(h, c, i, m, r)",
            YUSHE, chunk.household.toArray(Long[]::new), chunk.cipher.toArray(String[]::new),
            chunk.index.toArray(String[]::new), chunk.masked.toArray(String[]::new),
            chunk.relation.toArray(String[]::new));
        chunk = new Chunk();
      }
    }
    zx.sql("ANALYZE monitoring.household");
    zx.sql("ANALYZE monitoring.member");
    return person;
  }

  /** One medical batch: person {@code (i * 7919) mod records} on row i (members and outsiders interleaved). */
  private Path writeBatch(int records, int members) throws Exception {
    Path csv = dir.resolve("comparison.csv");
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write("部门,批次号,数据期间,数据来源,身份证号,姓名,风险类别,金额（元）,发生日期,说明\n");
      for (int i = 0; i < records; i++) {
        int person = (int) ((i * 7919L) % records);
        long spread = ((i * 2654435761L) >>> 7) % 1000;
        String amount = spread < 30 ? (6000 + spread * 300) + ".00" : (20 + spread * 3) + ".50";
        out.write("医保,YB-BENCH-2026-10,2026-10,市医保局结算系统," + idNumber(person) + ",参保人" + person
            + ",illness," + amount + ",2026-10-12," + (person < members ? "住院结算" : "门诊结算") + "\n");
      }
    }
    return csv;
  }

  /** Person k's valid ID-card number: born {@code k / 900} days after 1950-01-01, sequence {@code 100 + k % 900}. */
  private static String idNumber(int k) {
    return Cases.idNumber(YUSHE, FIRST_BIRTH.plusDays(k / 900).toString(), 100 + k % 900);
  }

  /**
   * A dry run of the batch's first {@code zx.bench.warmupRows} records (default 200,000; 0 for none): parsed,
   * validated, sealed, staged and checked, nothing compared or written, so the measured comparison runs on compiled
   * code, as on a server that has been up for a while, rather than sharing the 2 cores with the JIT compiler.
   */
  private void warmUp(Path csv) throws Exception {
    int rows = Integer.getInteger("zx.bench.warmupRows", 200_000);
    if (rows <= 0) {
      return;
    }
    Path warmUp = dir.resolve("warm-up.csv");
    try (java.util.stream.Stream<String> lines = Files.lines(csv, StandardCharsets.UTF_8)) {
      Files.write(warmUp, (Iterable<String>) lines.limit(rows + 1L)::iterator, StandardCharsets.UTF_8);
    }
    long began = System.nanoTime();
    JsonObject job = zx.http().importSheet(REGISTER, "?dryRun=true", "text/csv", warmUp);
    assertEquals("validated", job.getString("state"), job::encodePrettily);
    System.out.printf("warm-up: dry run of %,d records in %.1f s%n", rows, (System.nanoTime() - began) / 1e9);
  }

  private double copy(Path csv) throws Exception {
    PgConnectOptions o = PgConnectOptions.fromUri(zx.databaseUri());
    try (Connection jdbc = DriverManager.getConnection("jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/"
        + o.getDatabase(), o.getUser(), o.getPassword())) {
      try (Statement st = jdbc.createStatement()) {
        st.execute("CREATE TABLE public.bench_plain (department text, batch_no text, period text, source text,"
            + " id_number text, name text, risk_kind text, amount numeric, occurred_on date, description text)");
      }
      long began = System.nanoTime();
      try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
        jdbc.unwrap(PGConnection.class).getCopyAPI()
            .copyIn("COPY public.bench_plain FROM STDIN WITH (FORMAT csv, HEADER true)", in);
      }
      return (System.nanoTime() - began) / 1e9;
    }
  }

  private static final class Chunk {
    final List<Long> household = new ArrayList<>();
    final List<String> cipher = new ArrayList<>();
    final List<String> index = new ArrayList<>();
    final List<String> masked = new ArrayList<>();
    final List<String> relation = new ArrayList<>();

    void add(long householdId, Sealed id, String rel) {
      household.add(householdId);
      cipher.add(id.cipher());
      index.add(id.blindIndex());
      masked.add(id.masked());
      relation.add(rel);
    }

    int size() {
      return household.size();
    }
  }
}
