package cn.zhenxing.plugins.safety.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * "Today" and "now" by the platform clock (tests move it) in the city's time zone: a deadline passes at midnight in
 * Jinzhong, not in UTC.
 */
public record Today(Clock clock, ZoneId zone) {

  public LocalDate date() {
    return LocalDate.ofInstant(clock.instant(), zone);
  }

  public OffsetDateTime now() {
    return clock.instant().atOffset(ZoneOffset.UTC);
  }
}
