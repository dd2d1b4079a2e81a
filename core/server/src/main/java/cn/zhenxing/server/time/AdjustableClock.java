package cn.zhenxing.server.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The platform clock: the system clock plus an offset that tests can move forward (or set). Production never moves
 * it. Thread-safe.
 */
public final class AdjustableClock extends Clock {

  private final ZoneId zone;
  private final AtomicReference<Duration> offset;

  public AdjustableClock(ZoneId zone) {
    this(zone, new AtomicReference<>(Duration.ZERO));
  }

  private AdjustableClock(ZoneId zone, AtomicReference<Duration> offset) {
    this.zone = zone;
    this.offset = offset;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new AdjustableClock(zone, offset);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  /** Moves the clock forward (or back, with a negative amount). */
  public void advance(Duration amount) {
    offset.updateAndGet(current -> current.plus(amount));
  }

  /** Sets the clock so that it reads {@code now} at this moment and runs on from there. */
  public void set(Instant now) {
    offset.set(Duration.between(Instant.now(), now));
  }
}
