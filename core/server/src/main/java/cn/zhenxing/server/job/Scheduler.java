package cn.zhenxing.server.job;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.job.Job;
import cn.zhenxing.sdk.job.JobRun;
import cn.zhenxing.sdk.job.JobSpec;
import cn.zhenxing.server.Futures;
import cn.zhenxing.server.county.Counties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs plugins' jobs on their schedules, once per tick across every server process on the database.
 *
 * <p>A run is one transaction: it first inserts its ledger row into {@code core.job_run}, whose unique key is
 * (plugin, job, tick, county), then runs the job on the same connection and marks the row succeeded. A second
 * process reaching the same tick blocks on that row and, once the first commits, inserts nothing and skips. If the
 * job fails or times out, the whole transaction rolls back (so its writes vanish with the ledger row) and the failure
 * is recorded afterwards in a row of its own, unless another process has by then taken the tick.
 *
 * <p>Each run is independent: a failing or slow job never delays another. A run that is still going when its next
 * tick comes makes this process skip that tick for that county.
 */
public final class Scheduler {

  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
  private static final long POLL_MS = 250;
  /** The plugin id under which the core schedules its own jobs. */
  public static final String CORE = "core";

  private record Registered(String pluginId, JobSpec spec, Job job, Schedule schedule) {
    String key() {
      return pluginId + "/" + spec.name();
    }
  }

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final Counties counties;
  private final MeterRegistry registry;
  private final String instanceId;
  private final ZoneId zone;
  private final boolean enabled;
  private final Map<String, Registered> jobs = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastTick = new ConcurrentHashMap<>();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Map<String, Future<?>> inFlight = new ConcurrentHashMap<>();
  private long timerId = -1;

  public Scheduler(Vertx vertx, Pool pool, Clock clock, Counties counties, MeterRegistry registry,
      String instanceId, ZoneId zone, boolean enabled) {
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.counties = counties;
    this.registry = registry;
    this.instanceId = instanceId;
    this.zone = zone;
    this.enabled = enabled;
  }

  /** Adds a plugin's job; its first tick is the first one after now. */
  public void add(String pluginId, JobSpec spec, Job job) {
    Registered registered = new Registered(pluginId, spec, job, Schedule.of(spec, zone));
    jobs.put(registered.key(), registered);
    registered.schedule().latestAtOrBefore(clock.instant()).ifPresent(t -> lastTick.put(registered.key(), t));
  }

  /** Stops scheduling a plugin's jobs and waits for its runs in flight. */
  public Future<Void> remove(String pluginId) {
    jobs.values().removeIf(r -> r.pluginId().equals(pluginId));
    List<Future<?>> pending = new ArrayList<>();
    inFlight.forEach((key, future) -> {
      if (key.startsWith(pluginId + "/")) {
        pending.add(future);
      }
    });
    return Future.join(pending).<Void>mapEmpty().otherwiseEmpty();
  }

  /** Starts polling the clock for due ticks (unless jobs are switched off in this process). */
  public void start() {
    if (enabled) {
      timerId = vertx.setPeriodic(POLL_MS, id -> fireDueTicks());
    } else {
      LOG.info("Scheduled jobs are switched off in this process (jobs.enabled=false)");
    }
  }

  /** Stops polling and waits for every run in flight. */
  public Future<Void> stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
    return Future.join(new ArrayList<>(inFlight.values())).<Void>mapEmpty().otherwiseEmpty();
  }

  private void fireDueTicks() {
    Instant now = clock.instant();
    for (Registered job : jobs.values()) {
      Optional<Instant> due = job.schedule().latestAtOrBefore(now);
      if (due.isEmpty()) {
        continue;
      }
      Instant previous = lastTick.get(job.key());
      if (previous != null && !due.get().isAfter(previous)) {
        continue;
      }
      // Only the latest due tick runs: after downtime or a clock jump there is no burst of catch-up runs.
      lastTick.put(job.key(), due.get());
      for (String county : targets(job)) {
        runOnce(job, due.get(), county, false);
      }
    }
  }

  private List<String> targets(Registered job) {
    if (CORE.equals(job.pluginId()) && job.spec().isCityWide()) {
      return List.of(County.CITY_CODE); // the core's own city-wide jobs (audit retention) need no enabling county
    }
    List<County> enabling = counties.enabling(job.pluginId());
    if (job.spec().isCityWide()) {
      return enabling.isEmpty() ? List.of() : List.of(County.CITY_CODE);
    }
    return enabling.stream().map(County::code).toList();
  }

  /** Runs one tick for one county. Answers the outcome: succeeded, failed, timed_out, or skipped. */
  private Future<String> runOnce(Registered job, Instant tick, String county, boolean manual) {
    String runKey = job.key() + "/" + county + "/" + tick.toEpochMilli();
    String slot = job.key() + "/" + county;
    if (!manual && !running.add(slot)) {
      LOG.warn("Job {} for {} is still running; tick {} skipped by this process", job.key(), county, tick);
      return Future.succeededFuture("skipped");
    }
    if (manual) {
      running.add(slot);
    }
    Timer.Sample sample = Timer.start(registry);
    Instant started = clock.instant();
    Future<String> outcome = pool.withTransaction(conn -> claim(conn, job, tick, county, manual, started)
            .compose(runId -> runId == null ? Future.succeededFuture("skipped")
                : execute(conn, job, tick, county, manual).compose(v -> finish(conn, runId))))
        .recover(failure -> recordFailure(job, tick, county, manual, started, failure));
    inFlight.put(runKey, outcome);
    return outcome.onComplete(ar -> {
      inFlight.remove(runKey);
      running.remove(slot);
      String result = ar.succeeded() ? ar.result() : "failed";
      if (!"skipped".equals(result)) {
        sample.stop(Timer.builder("zx_job_duration_seconds").description("Duration of job runs")
            .tag("plugin", job.pluginId()).tag("job", job.spec().name()).register(registry));
        Counter.builder("zx_job_runs").description("Job runs by outcome").tag("plugin", job.pluginId())
            .tag("job", job.spec().name()).tag("outcome", result).register(registry).increment();
      }
    });
  }

  /** Inserts the ledger row; answers its id, or null when another process has this tick. */
  private Future<Long> claim(SqlConnection conn, Registered job, Instant tick, String county, boolean manual,
      Instant started) {
    long timeoutMs = job.spec().timeout().toMillis();
    return conn.query("SET LOCAL statement_timeout = " + timeoutMs).execute()
        .compose(v -> conn.preparedQuery("INSERT INTO core.job_run (plugin_id, job_name, tick, county_code, "
                + "instance_id, manual, started_at, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, 'running') "
                + "ON CONFLICT (plugin_id, job_name, tick, county_code) DO NOTHING RETURNING id")
            .execute(Tuple.of(job.pluginId(), job.spec().name(), utc(tick), county, instanceId, manual, utc(started))))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("id"));
  }

  private Future<Void> execute(SqlConnection conn, Registered job, Instant tick, String countyCode, boolean manual) {
    Optional<County> county = County.CITY_CODE.equals(countyCode) ? Optional.empty() : counties.byCode(countyCode);
    JobRun run = new JobRun() {
      @Override
      public String job() {
        return job.spec().name();
      }

      @Override
      public Instant scheduledAt() {
        return tick;
      }

      @Override
      public Optional<County> county() {
        return county;
      }

      @Override
      public SqlConnection connection() {
        return conn;
      }

      @Override
      public boolean manual() {
        return manual;
      }
    };
    return Futures.within(vertx, job.spec().timeout(), "job " + job.key(),
        Futures.attempt(() -> job.job().run(run)));
  }

  private Future<String> finish(SqlConnection conn, long runId) {
    return conn.preparedQuery("UPDATE core.job_run SET outcome = 'succeeded', finished_at = $2 WHERE id = $1")
        .execute(Tuple.of(runId, utc(clock.instant())))
        .map("succeeded");
  }

  private Future<String> recordFailure(Registered job, Instant tick, String county, boolean manual, Instant started,
      Throwable failure) {
    boolean timedOut = failure instanceof java.util.concurrent.TimeoutException
        || String.valueOf(failure.getMessage()).contains("statement timeout");
    String outcome = timedOut ? "timed_out" : "failed";
    String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    LOG.warn("Job {} for {} at {} {}: {}", job.key(), county, tick, outcome.replace('_', ' '), message);
    return pool.preparedQuery("INSERT INTO core.job_run (plugin_id, job_name, tick, county_code, instance_id, manual, "
            + "started_at, finished_at, outcome, error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
            + "ON CONFLICT (plugin_id, job_name, tick, county_code) DO NOTHING")
        .execute(Tuple.from(List.of(job.pluginId(), job.spec().name(), utc(tick), county, instanceId, manual,
            utc(started), utc(clock.instant()), outcome, truncate(message))))
        .map(outcome)
        .otherwise(e -> {
          LOG.error("Could not record the failure of job {}: {}", job.key(), e.getMessage());
          return outcome;
        });
  }

  /** Runs a job now, for one county or every county that enables its plugin. */
  public Future<JsonObject> trigger(String pluginId, String name, String countyCode) {
    Registered job = jobs.get(pluginId + "/" + name);
    if (job == null) {
      return Future.failedFuture(Problem.notFound("没有任务 " + pluginId + "/" + name + " / No job " + pluginId + "/"
          + name + " is scheduled"));
    }
    List<String> targets = targets(job);
    if (countyCode != null) {
      if (!targets.contains(countyCode)) {
        return Future.failedFuture(Problem.invalid("county", "该县区未启用此插件或任务为全市任务 / the county does "
            + "not enable the plugin, or the job is city-wide"));
      }
      targets = List.of(countyCode);
    }
    Instant tick = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    List<Future<String>> runs = new ArrayList<>();
    for (String county : targets) {
      runs.add(runOnce(job, tick, county, true));
    }
    List<String> finalTargets = targets;
    return Future.join(runs).map(all -> {
      JsonArray results = new JsonArray();
      for (int i = 0; i < runs.size(); i++) {
        results.add(new JsonObject().put("county", finalTargets.get(i)).put("outcome", runs.get(i).result()));
      }
      return new JsonObject().put("plugin", pluginId).put("job", name).put("tick", tick.toString())
          .put("runs", results);
    }).recover(e -> Future.failedFuture(e));
  }

  /** Every scheduled job with its schedule, next tick and last recorded run. */
  public Future<JsonArray> describe() {
    return pool.query("SELECT DISTINCT ON (plugin_id, job_name) plugin_id, job_name, tick, county_code, started_at, "
            + "finished_at, outcome, error FROM core.job_run ORDER BY plugin_id, job_name, started_at DESC")
        .execute()
        .map(rows -> {
          Map<String, Row> last = new ConcurrentHashMap<>();
          rows.forEach(r -> last.put(r.getString("plugin_id") + "/" + r.getString("job_name"), r));
          Instant now = clock.instant();
          JsonArray items = new JsonArray();
          jobs.values().stream().sorted((a, b) -> a.key().compareTo(b.key())).forEach(job -> {
            JsonObject item = new JsonObject().put("plugin", job.pluginId()).put("job", job.spec().name())
                .put("description", job.spec().description()).put("schedule", job.schedule().describe())
                .put("cityWide", job.spec().isCityWide()).put("timeoutSeconds", job.spec().timeout().toSeconds())
                .put("nextRun", job.schedule().nextAfter(now).map(Instant::toString).orElse(null));
            Row r = last.get(job.key());
            if (r != null) {
              item.put("lastRun", new JsonObject().put("tick", r.getOffsetDateTime("tick").toInstant().toString())
                  .put("county", r.getString("county_code"))
                  .put("startedAt", r.getOffsetDateTime("started_at").toInstant().toString())
                  .put("finishedAt", Optional.ofNullable(r.getOffsetDateTime("finished_at"))
                      .map(t -> t.toInstant().toString()).orElse(null))
                  .put("outcome", r.getString("outcome")).put("error", r.getString("error")));
            }
            items.add(item);
          });
          return items;
        });
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String truncate(String text) {
    return text.length() <= 2000 ? text : text.substring(0, 2000);
  }
}
