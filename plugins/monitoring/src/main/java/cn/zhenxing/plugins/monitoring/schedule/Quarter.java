package cn.zhenxing.plugins.monitoring.schedule;

import cn.zhenxing.sdk.http.Fields;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A calendar quarter and how much of it has passed on a given day: the 序时 share. Day d of the quarter counts as
 * d days elapsed (the first day is 1/90 of a 90-day quarter, the last day the whole), so "on schedule" on day d is
 * done ≥ plan × d / days.
 */
public record Quarter(int year, int quarter) {

  /** The year and quarter of the route ({@code :year}, {@code :quarter}): 422 naming the parameter otherwise. */
  public static Quarter fromPath(RoutingContext rc) {
    Fields f = Fields.of(new JsonObject().put("year", rc.pathParam("year")).put("quarter", rc.pathParam("quarter")));
    Long year = f.integer("year", 2020, 2100, true);
    Long quarter = f.integer("quarter", 1, 4, true);
    f.validate();
    return new Quarter(year.intValue(), quarter.intValue());
  }

  public static Quarter containing(LocalDate day) {
    return new Quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
  }

  public LocalDate first() {
    return LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
  }

  public LocalDate last() {
    return end().minusDays(1);
  }

  /** The day after the quarter (exclusive bound). */
  public LocalDate end() {
    return first().plusMonths(3);
  }

  public int days() {
    return (int) ChronoUnit.DAYS.between(first(), end());
  }

  /** Days of the quarter passed by the end of {@code asOf}: 0 before it, {@link #days()} after it. */
  public int daysElapsed(LocalDate asOf) {
    if (asOf.isBefore(first())) {
      return 0;
    }
    return asOf.isAfter(last()) ? days() : (int) ChronoUnit.DAYS.between(first(), asOf) + 1;
  }

  /** The elapsed share 0–1. */
  public double elapsed(LocalDate asOf) {
    return (double) daysElapsed(asOf) / days();
  }

  /** The day rates are read on: {@code asOf}, or the quarter's last day once it is over. */
  public LocalDate rateDay(LocalDate asOf) {
    return asOf.isAfter(last()) ? last() : asOf;
  }
}
