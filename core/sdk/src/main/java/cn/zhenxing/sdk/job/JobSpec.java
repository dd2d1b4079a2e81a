package cn.zhenxing.sdk.job;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how a job runs. Build with {@link #cron(String, String)} or {@link #every(String, Duration)}.
 *
 * <p>Cron expressions take 5 fields ({@code minute hour day-of-month month day-of-week}, as in Unix cron) or 6
 * fields with seconds first ({@code 0 0 8 15 * *}). They are evaluated in the server's time zone
 * ({@code Asia/Shanghai} by default). Intervals are aligned to the epoch, so every server process agrees on the
 * ticks.
 */
public final class JobSpec {

  private final String name;
  private final String cron;
  private final Duration interval;
  private Duration timeout = Duration.ofMinutes(5);
  private boolean cityWide;
  private String description = "";

  private JobSpec(String name, String cron, Duration interval) {
    if (name == null || !name.matches("[a-z][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException("job name must be lower-case letters, digits and '-': " + name);
    }
    this.name = name;
    this.cron = cron;
    this.interval = interval;
  }

  /** A job on a cron schedule. */
  public static JobSpec cron(String name, String expression) {
    return new JobSpec(name, Objects.requireNonNull(expression, "expression"), null);
  }

  /** A job every {@code interval} (at least one second). */
  public static JobSpec every(String name, Duration interval) {
    if (interval == null || interval.toMillis() < 1000) {
      throw new IllegalArgumentException("interval must be at least 1 second: " + interval);
    }
    return new JobSpec(name, null, interval);
  }

  /** The longest one run may take; a run past it is rolled back and recorded as timed out. Default 5 minutes. */
  public JobSpec timeout(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /** Run once per tick for the whole city instead of once per enabling county. */
  public JobSpec cityWide() {
    this.cityWide = true;
    return this;
  }

  /** What the job does, shown by the jobs API. */
  public JobSpec description(String description) {
    this.description = Objects.requireNonNull(description, "description");
    return this;
  }

  public String name() {
    return name;
  }

  /** The cron expression, or null for an interval job. */
  public String cronExpression() {
    return cron;
  }

  /** The interval, or null for a cron job. */
  public Duration interval() {
    return interval;
  }

  public Duration timeout() {
    return timeout;
  }

  public boolean isCityWide() {
    return cityWide;
  }

  public String description() {
    return description;
  }
}
