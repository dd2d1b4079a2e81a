package cn.zhenxing.plugins.ecommerce.support;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;

/**
 * The plugin's configuration ({@code plugins.ecommerce} section), with the defaults in code.
 *
 * @param reportDueDay   the day of the following month by which a monthly sales report is due (1–28)
 * @param reminderCron   when the monthly report reminder runs
 * @param lateCron       when the late-report flagging runs
 * @param rankingCron    when the quarterly e-town ranking runs
 *
 * <p>"Today", "this month" and the cron schedules are read in the platform's time zone, {@code ctx.zone()}.
 */
public record Settings(int reportDueDay, String reminderCron, String lateCron, String rankingCron) {

  public static final int DEFAULT_REPORT_DUE_DAY = 10;
  public static final String DEFAULT_REMINDER_CRON = "0 9 1 * *";
  public static final String DEFAULT_LATE_CRON = "30 0 * * *";
  public static final String DEFAULT_RANKING_CRON = "0 3 1 1,4,7,10 *";

  public static Settings from(JsonObject config) {
    String text = String.valueOf(config.getValue("reportDueDay", DEFAULT_REPORT_DUE_DAY)).strip();
    int due = text.matches("[0-9]{1,2}") ? Integer.parseInt(text) : -1;
    if (due < 1 || due > 28) {
      throw new IllegalArgumentException("plugins.ecommerce.reportDueDay must be a day from 1 to 28: " + text);
    }
    return new Settings(due,
        config.getString("reminderCron", DEFAULT_REMINDER_CRON), config.getString("lateCron", DEFAULT_LATE_CRON),
        config.getString("rankingCron", DEFAULT_RANKING_CRON));
  }

  /** The last day on which the report for {@code month} (its first day) is on time. */
  public LocalDate dueDate(LocalDate month) {
    return month.plusMonths(1).withDayOfMonth(reportDueDay);
  }
}
