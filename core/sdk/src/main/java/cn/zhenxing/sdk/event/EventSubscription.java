package cn.zhenxing.sdk.event;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A subscription to one event type, with its retry policy. Immutable; every {@code with}-style method answers a
 * copy.
 *
 * <p>Defaults: {@value #DEFAULT_MAX_ATTEMPTS} attempts, the first retry after 1 s and each next one after twice the
 * previous wait, at most 10 minutes (so with the defaults an event is set aside after about 2 minutes of failures), and 30 s per
 * attempt.
 */
public final class EventSubscription {

  /**
   * Attempts before an event is marked failed for a consumer: enough to ride out a database fail-over or a deploy,
   * few enough that a poison event is set aside within minutes and stays visible in {@code core.event_delivery}.
   */
  public static final int DEFAULT_MAX_ATTEMPTS = 8;

  /** {@code <plugin id>.<name>}, lower case, e.g. {@code labor.employment-lost}. */
  public static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,40}\\.[a-z][a-z0-9.-]{0,80}");

  private final String type;
  private final int maxAttempts;
  private final Duration firstRetry;
  private final Duration maxRetry;
  private final Duration timeout;

  private EventSubscription(String type, int maxAttempts, Duration firstRetry, Duration maxRetry, Duration timeout) {
    this.type = type;
    this.maxAttempts = maxAttempts;
    this.firstRetry = firstRetry;
    this.maxRetry = maxRetry;
    this.timeout = timeout;
  }

  /** A subscription to {@code type} with the default policy. */
  public static EventSubscription to(String type) {
    Objects.requireNonNull(type, "type");
    if (!TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException("event type must look like <plugin>.<name> in lower case: " + type);
    }
    return new EventSubscription(type, DEFAULT_MAX_ATTEMPTS, Duration.ofSeconds(1), Duration.ofMinutes(10),
        Duration.ofSeconds(30));
  }

  /** Attempts (at least 1) before the event is marked failed for this consumer and skipped. */
  public EventSubscription maxAttempts(int attempts) {
    if (attempts < 1 || attempts > 1000) {
      throw new IllegalArgumentException("maxAttempts must be 1..1000: " + attempts);
    }
    return new EventSubscription(type, attempts, firstRetry, maxRetry, timeout);
  }

  /** The wait before the first retry (doubled for each next one) and the longest wait. */
  public EventSubscription backoff(Duration first, Duration max) {
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < first <= max");
    }
    return new EventSubscription(type, maxAttempts, first, max, timeout);
  }

  /** How long one attempt may take before it counts as failed and rolls back. */
  public EventSubscription timeout(Duration limit) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    return new EventSubscription(type, maxAttempts, firstRetry, maxRetry, limit);
  }

  public String type() {
    return type;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration firstRetry() {
    return firstRetry;
  }

  public Duration maxRetry() {
    return maxRetry;
  }

  public Duration timeout() {
    return timeout;
  }

  /** The wait after the {@code failures}-th failure: first retry doubled {@code failures - 1} times, at most max. */
  public Duration retryAfter(int failures) {
    long ms = firstRetry.toMillis();
    for (int i = 1; i < failures && ms < maxRetry.toMillis(); i++) {
      ms *= 2;
    }
    return Duration.ofMillis(Math.min(ms, maxRetry.toMillis()));
  }
}
