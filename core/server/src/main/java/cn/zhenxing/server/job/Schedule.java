package cn.zhenxing.server.job;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import cn.zhenxing.sdk.job.JobSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a job's ticks fall. Ticks are pure functions of the schedule and the time, so every server process computes
 * the same ones: that is what lets the ledger's unique key recognise a tick another process already ran.
 */
interface Schedule {

  /** The latest tick at or before {@code now}, if any. */
  Optional<Instant> latestAtOrBefore(Instant now);

  /** The first tick after {@code now}, if any. */
  Optional<Instant> nextAfter(Instant now);

  /** Human-readable form for the jobs API. */
  String describe();

  static Schedule of(JobSpec spec, ZoneId zone) {
    return spec.interval() != null ? new Interval(spec.interval()) : Cron.parse(spec.cronExpression(), zone);
  }

  /** Every {@code interval}, aligned to the epoch. */
  record Interval(Duration interval) implements Schedule {
    @Override
    public Optional<Instant> latestAtOrBefore(Instant now) {
      long step = interval.toMillis();
      return Optional.of(Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), step) * step));
    }

    @Override
    public Optional<Instant> nextAfter(Instant now) {
      return latestAtOrBefore(now).map(t -> t.plus(interval));
    }

    @Override
    public String describe() {
      return "every " + interval;
    }
  }

  /** A Unix (5 fields) or Spring-style (6 fields, seconds first) cron expression in a time zone. */
  record Cron(String expression, ExecutionTime executionTime, ZoneId zone) implements Schedule {

    static Cron parse(String expression, ZoneId zone) {
      String trimmed = expression.trim();
      int fields = trimmed.split("\\s+").length;
      CronType type = switch (fields) {
        case 5 -> CronType.UNIX;
        case 6 -> CronType.SPRING;
        default -> throw new IllegalArgumentException("cron expression needs 5 or 6 fields: " + expression);
      };
      var cron = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(type)).parse(trimmed).validate();
      return new Cron(trimmed, ExecutionTime.forCron(cron), zone);
    }

    @Override
    public Optional<Instant> latestAtOrBefore(Instant now) {
      // lastExecution is strictly before its argument; nudge it so a tick at exactly `now` counts.
      return executionTime.lastExecution(ZonedDateTime.ofInstant(now.plusMillis(1), zone))
          .map(ZonedDateTime::toInstant);
    }

    @Override
    public Optional<Instant> nextAfter(Instant now) {
      return executionTime.nextExecution(ZonedDateTime.ofInstant(now, zone)).map(ZonedDateTime::toInstant);
    }

    @Override
    public String describe() {
      return "cron " + expression + " (" + zone + ")";
    }
  }
}
