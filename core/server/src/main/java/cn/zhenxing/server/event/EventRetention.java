package cn.zhenxing.server.event;

import cn.zhenxing.sdk.job.Job;
import cn.zhenxing.sdk.job.JobRun;
import cn.zhenxing.sdk.job.JobSpec;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The core's daily job {@code core/event-retention}: deletes events recorded more than {@value #DAYS} days ago, with
 * their delivery rows. An event that no consumer handled within that time (a consumer installed, or enabled by its
 * county, more than {@value #DAYS} days later; or one set aside as failed) is gone with it. Kept that long so that a
 * county that enables a consuming programme within a quarter still receives what happened before.
 */
public final class EventRetention implements Job {

  public static final String JOB = "event-retention";
  /** How long events and their delivery records are kept. */
  public static final int DAYS = 90;

  private final Clock clock;

  public EventRetention(Clock clock) {
    this.clock = clock;
  }

  /** Daily at 03:50 (server time zone), once for the whole city. */
  public JobSpec spec() {
    return JobSpec.cron(JOB, "50 3 * * *").cityWide().timeout(Duration.ofMinutes(30))
        .description("删除超过" + DAYS + "天的插件间事件 / Deletes events between plugins older than " + DAYS + " days");
  }

  @Override
  public Future<Void> run(JobRun run) {
    Instant cutoff = clock.instant().minus(Duration.ofDays(DAYS));
    return run.connection().preparedQuery("DELETE FROM core.event WHERE occurred_at < $1")
        .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
        .mapEmpty();
  }
}
