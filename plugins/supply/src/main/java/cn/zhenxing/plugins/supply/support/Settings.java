package cn.zhenxing.plugins.supply.support;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;

/**
 * The plugin's configuration ({@code plugins.supply}), read once at registration with defaults in code.
 *
 * @param reportDueDay       day of the month by which a monitoring point reports on that month (15)
 * @param reminderDaysBefore days before the due day the reminder goes out (3)
 * @param priceRiseShare     a price rising more than this share over the point's previous report is an anomaly (0.10)
 * @param medianExcessShare  a price more than this share above the city median of the period is an anomaly (0.15)
 * @param medianMinPoints    the fewest other points' prices a median needs to be meaningful (3)
 * @param reserveStart       first day of the winter-reserve period, MM-dd (11-01)
 * @param reserveEnd         last day of the reserve period, MM-dd (03-31; before the start means it ends next year)
 * @param reserveAlertShare  a county's reserve below this share of its target during the period is an alert (1.0)
 *
 * <p>Due days and reserve periods are read in the platform's time zone, {@code ctx.zone()}.
 */
public record Settings(int reportDueDay, int reminderDaysBefore, BigDecimal priceRiseShare,
                       BigDecimal medianExcessShare, int medianMinPoints, MonthDay reserveStart, MonthDay reserveEnd,
                       BigDecimal reserveAlertShare) {

  public static Settings from(JsonObject config) {
    int due = Integer.parseInt(String.valueOf(config.getValue("reportDueDay", 15)));
    if (due < 1 || due > 28) {
      throw new IllegalArgumentException("plugins.supply.reportDueDay must be 1-28: " + due);
    }
    return new Settings(due,
        Integer.parseInt(String.valueOf(config.getValue("reminderDaysBefore", 3))),
        new BigDecimal(String.valueOf(config.getValue("priceRiseShare", "0.10"))),
        new BigDecimal(String.valueOf(config.getValue("medianExcessShare", "0.15"))),
        Integer.parseInt(String.valueOf(config.getValue("medianMinPoints", 3))),
        MonthDay.parse("--" + config.getString("reservePeriodStart", "11-01")),
        MonthDay.parse("--" + config.getString("reservePeriodEnd", "03-31")),
        new BigDecimal(String.valueOf(config.getValue("reserveAlertShare", "1.0"))));
  }

  /** Whether {@code day} lies in the reserve period (which may wrap over the new year). */
  public boolean inReservePeriod(LocalDate day) {
    MonthDay d = MonthDay.from(day);
    if (!reserveEnd.isBefore(reserveStart)) {
      return !d.isBefore(reserveStart) && !d.isAfter(reserveEnd);
    }
    return !d.isBefore(reserveStart) || !d.isAfter(reserveEnd);
  }
}
