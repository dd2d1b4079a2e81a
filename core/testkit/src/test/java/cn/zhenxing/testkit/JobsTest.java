package cn.zhenxing.testkit;

import static cn.zhenxing.testkit.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.server.ZhenxingServer;
import cn.zhenxing.testkit.fixtures.TickerPlugin;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: a programme's scheduled jobs run once per tick for every county that enables the programme, however many
 * server processes share the database; failures and time-outs are recorded without stopping anything else, and an
 * operator can see the jobs and run one by hand.
 */
class JobsTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin(TickerPlugin.ID, TickerPlugin::new)
      .build();

  /** Counties that enable the ticker for the whole class. */
  private static final List<String> ENABLING = List.of("140702", "140703");
  /** Enabled at first, then switched off before the second process starts. */
  private static final String SWITCHED_OFF = "140721";
  private static OffsetDateTime switchedOffAt;

  @BeforeAll
  static void enableTheTickerInThreeCountiesThenSwitchOneOff() {
    for (String county : List.of("140702", "140703", SWITCHED_OFF)) {
      setEnabled(county, true);
    }
    Eventually.poll(Duration.ofSeconds(10), "a first tick counted in " + SWITCHED_OFF,
        () -> count("SELECT count(*) FROM ticker.beat WHERE county_code = $1", SWITCHED_OFF), n -> n > 0);
    setEnabled(SWITCHED_OFF, false);
    switchedOffAt = OffsetDateTime.now(ZoneOffset.UTC);
  }

  @Test
  void everyTickRunsExactlyOncePerEnablingCounty_withTwoServerProcessesOnOneDatabase() throws Exception {
    OffsetDateTime secondStarted;
    ZhenxingServer other = zx.startAnother();
    try {
      secondStarted = OffsetDateTime.now(ZoneOffset.UTC);
      TestHttp otherHttp = AdminLogin.on(other.port());
      JsonArray otherJobs = otherHttp.get("/api/v1/jobs").json().getJsonArray("items");
      assertTrue(otherJobs.stream().map(JsonObject.class::cast)
          .anyMatch(j -> j.getString("plugin").equals("ticker") && j.getString("job").equals("count")),
          "the second process schedules the ticker's jobs too: " + otherJobs);

      // Left alone, whichever process polls first after a tick would win every tick. Skew the first process's
      // clock so that it wakes 0.4 s after the second has committed a tick, then 0.4 s before it: each process
      // in turn comes late to ticks the other has already run, which is what the ledger must catch.
      zx.clock().advance(Duration.ofMillis(-400));
      Eventually.poll(Duration.ofSeconds(15), "three ticks in each enabling county, first process late",
          () -> ticksSince(secondStarted), ticks -> ENABLING.stream().allMatch(c -> ticks.getOrDefault(c, 0L) >= 3));
      zx.clock().advance(Duration.ofMillis(800));
      Eventually.poll(Duration.ofSeconds(15), "six ticks in each enabling county, second process late",
          () -> ticksSince(secondStarted), ticks -> ENABLING.stream().allMatch(c -> ticks.getOrDefault(c, 0L) >= 6));
    } finally {
      zx.clock().set(Instant.now());
      other.stop().get(60, TimeUnit.SECONDS);
    }

    // One statement, one snapshot: each run's rows commit together with its ledger row.
    RowSet<Row> wrong = zx.sql("""
        WITH beats AS (SELECT tick, county_code, count(*) AS n FROM ticker.beat WHERE NOT manual GROUP BY 1, 2),
             runs AS (SELECT tick, county_code, count(*) AS n FROM core.job_run
                      WHERE plugin_id = 'ticker' AND job_name = 'count' AND outcome = 'succeeded' AND NOT manual
                      GROUP BY 1, 2)
        SELECT coalesce(b.tick, r.tick) AS tick, coalesce(b.county_code, r.county_code) AS county,
               b.n AS beats, r.n AS runs
        FROM beats b FULL JOIN runs r ON b.tick = r.tick AND b.county_code = r.county_code
        WHERE b.n IS DISTINCT FROM 1 OR r.n IS DISTINCT FROM 1""");
    List<String> problems = new ArrayList<>();
    wrong.forEach(r -> problems.add(r.getOffsetDateTime("tick") + " " + r.getString("county") + ": "
        + r.getLong("beats") + " rows, " + r.getLong("runs") + " succeeded runs"));
    assertEquals(List.of(), problems, "every (tick, county) has exactly one row and one succeeded run");

    RowSet<Row> perCounty = zx.sql("SELECT county_code, count(*) AS rows, count(DISTINCT tick) AS ticks "
        + "FROM ticker.beat WHERE NOT manual GROUP BY county_code ORDER BY county_code");
    Map<String, Long> rowsPerCounty = new TreeMap<>();
    for (Row r : perCounty) {
      assertEquals(r.getLong("ticks"), r.getLong("rows"), "rows = distinct ticks in " + r.getString("county_code"));
      rowsPerCounty.put(r.getString("county_code"), r.getLong("rows"));
    }
    assertEquals(List.of("140702", "140703", SWITCHED_OFF), List.copyOf(rowsPerCounty.keySet()),
        "only counties that enabled the ticker have rows");
    assertEquals(0, count("SELECT count(*) FROM ticker.beat WHERE county_code = $1 AND tick >= $2", SWITCHED_OFF,
        switchedOffAt), "no runs in a county after it switched the ticker off");
    assertEquals(0, count("SELECT count(*) FROM core.job_run WHERE plugin_id = 'ticker' AND county_code = $1 "
        + "AND tick >= $2", SWITCHED_OFF, switchedOffAt));

    // Both processes ran ticks while both were up (the skew above sees to that).
    assertEquals(2, count("SELECT count(DISTINCT instance_id) FROM core.job_run WHERE plugin_id = 'ticker' "
        + "AND job_name = 'count' AND tick >= $1", secondStarted), "runs by both processes");
    assertEquals(2, count("SELECT count(DISTINCT instance) FROM ticker.beat WHERE tick >= $1", secondStarted));
  }

  @Test
  void aFailingJobIsRecordedWithItsError_andTheOtherJobsKeepRunning() {
    Eventually.poll(Duration.ofSeconds(10), "failed runs of 'fail' in every enabling county",
        () -> count("SELECT count(DISTINCT county_code) FROM core.job_run WHERE plugin_id = 'ticker' "
            + "AND job_name = 'fail'"), n -> n >= ENABLING.size());

    RowSet<Row> runs = zx.sql("SELECT outcome, error, finished_at FROM core.job_run "
        + "WHERE plugin_id = 'ticker' AND job_name = 'fail'");
    for (Row r : runs) {
      assertEquals("failed", r.getString("outcome"));
      assertTrue(r.getString("error").contains(TickerPlugin.FAILURE), r.getString("error"));
      assertNotNull(r.getOffsetDateTime("finished_at"));
    }
    OffsetDateTime firstFailure = zx.sql("SELECT min(tick) FROM core.job_run WHERE plugin_id = 'ticker' "
        + "AND job_name = 'fail'").iterator().next().getOffsetDateTime(0);
    for (String county : ENABLING) {
      Eventually.poll(Duration.ofSeconds(10), "counting in " + county + " after the first failure",
          () -> count("SELECT count(*) FROM ticker.beat WHERE county_code = $1 AND tick > $2", county,
              firstFailure.plusSeconds(1)), n -> n > 0);
    }

    Scrape metrics = new Scrape(zx.http().get("/metrics").body());
    assertTrue(metrics.value("zx_job_runs_total", "plugin", "ticker", "job", "fail", "outcome", "failed")
        .orElse(0.0) > 0, "failed runs are counted");
    assertTrue(metrics.value("zx_job_runs_total", "plugin", "ticker", "job", "count", "outcome", "succeeded")
        .orElse(0.0) > 0, "succeeded runs are counted");
  }

  @Test
  void aJobOverItsTimeoutIsRecordedAsTimedOut_andNothingItWroteRemains() {
    long began = System.nanoTime();
    TestResponse response = zx.http().post("/api/v1/jobs/ticker/slow/runs?county=140702", null);
    long tookMs = (System.nanoTime() - began) / 1_000_000;
    assertEquals(200, response.status(), response::toString);
    assertEquals("timed_out", response.json().getJsonArray("runs").getJsonObject(0).getString("outcome"),
        response::toString);
    assertTrue(tookMs < 2800, "the 1 s timeout cut the 3 s run short, took " + tookMs + " ms");

    assertEquals(0, count("SELECT count(*) FROM ticker.slow_write"), "the timed-out run's insert was rolled back");
    Row run = zx.sql("SELECT outcome, error, manual FROM core.job_run WHERE plugin_id = 'ticker' "
        + "AND job_name = 'slow'").iterator().next();
    assertEquals("timed_out", run.getString("outcome"));
    assertTrue(run.getBoolean("manual"));
    assertNotNull(run.getString("error"));

    Scrape metrics = new Scrape(zx.http().get("/metrics").body());
    assertEquals(1.0, metrics.value("zx_job_runs_total", "plugin", "ticker", "job", "slow", "outcome", "timed_out")
        .orElse(0.0));
  }

  @Test
  void theJobsApiShowsEachJobsLastAndNextRun() {
    Eventually.poll(Duration.ofSeconds(10), "a last run of ticker/count and ticker/fail since " + SWITCHED_OFF
        + " switched off", () -> job("count"), j -> j.containsKey("lastRun") && job("fail").containsKey("lastRun")
        && Instant.parse(j.getJsonObject("lastRun").getString("tick")).isAfter(switchedOffAt.toInstant()));

    Instant now = Instant.now();
    JsonObject count = job("count");
    assertEquals("every PT1S", count.getString("schedule"));
    Instant next = Instant.parse(count.getString("nextRun"));
    assertTrue(next.isAfter(now.minusSeconds(1)) && next.isBefore(now.plusSeconds(3)), count::encode);
    JsonObject last = count.getJsonObject("lastRun");
    assertEquals("succeeded", last.getString("outcome"), count::encode);
    assertTrue(Instant.parse(last.getString("tick")).isAfter(now.minusSeconds(10)), count::encode);
    assertTrue(ENABLING.contains(last.getString("county")), count::encode);
    assertNull(last.getString("error"));

    JsonObject fail = job("fail").getJsonObject("lastRun");
    assertEquals("failed", fail.getString("outcome"));
    assertTrue(fail.getString("error").contains(TickerPlugin.FAILURE), fail::encode);

    JsonObject report = job("report");
    assertTrue(report.getString("schedule").startsWith("cron 0 3 1 1 *"), report::encode);
    assertEquals(1, Instant.parse(report.getString("nextRun")).compareTo(now));
  }

  @Test
  void anOperatorRunsAJobNowAndSeesTheOutcome() {
    TestResponse one = zx.http().post("/api/v1/jobs/ticker/report/runs?county=140702", null);
    assertEquals(200, one.status(), one::toString);
    JsonArray runs = one.json().getJsonArray("runs");
    assertEquals(1, runs.size(), one::toString);
    assertEquals(new JsonObject().put("county", "140702").put("outcome", "succeeded"), runs.getJsonObject(0));
    assertEquals(1, count("SELECT count(*) FROM ticker.report WHERE county_code = '140702' AND manual"));

    // Without a county: every county enabling the programme, and only those.
    TestResponse all = zx.http().post("/api/v1/jobs/ticker/report/runs", null);
    assertEquals(200, all.status(), all::toString);
    List<String> counties = new ArrayList<>();
    all.json().getJsonArray("runs").forEach(r -> {
      counties.add(((JsonObject) r).getString("county"));
      assertEquals("succeeded", ((JsonObject) r).getString("outcome"));
    });
    assertEquals(ENABLING, counties);

    JsonObject notEnabled = assertProblem(422, zx.http().post("/api/v1/jobs/ticker/report/runs?county="
        + SWITCHED_OFF, null));
    assertEquals("county", notEnabled.getJsonArray("errors").getJsonObject(0).getString("field"));
    assertProblem(404, zx.http().post("/api/v1/jobs/ticker/nonexistent/runs?county=140702", null));
    assertEquals(0, count("SELECT count(*) FROM ticker.report WHERE county_code = $1", SWITCHED_OFF));
  }

  private static JsonObject job(String name) {
    TestResponse r = zx.http().get("/api/v1/jobs");
    assertEquals(200, r.status(), r::toString);
    return r.json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(j -> j.getString("plugin").equals("ticker") && j.getString("job").equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no job ticker/" + name + " in " + r.body()));
  }

  private static Map<String, Long> ticksSince(OffsetDateTime since) {
    Map<String, Long> ticks = new TreeMap<>();
    zx.sql("SELECT county_code, count(DISTINCT tick) FROM ticker.beat WHERE tick >= $1 AND NOT manual "
        + "GROUP BY 1", since).forEach(r -> ticks.put(r.getString(0), r.getLong(1)));
    return ticks;
  }

  private static long count(String sql, Object... params) {
    return zx.sql(sql, params).iterator().next().getLong(0);
  }

  private static void setEnabled(String county, boolean enabled) {
    zx.setPluginEnabled("ticker", enabled, county);
  }
}
