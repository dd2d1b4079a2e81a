package cn.zhenxing.plugins.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.zhenxing.plugins.monitoring.support.Settings;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The working-day calendar behind the SLA deadlines: weekends, holidays and make-up working days from config. */
class WorkCalendarTest {

  @Test
  void deadlinesSkipWeekendsAndHolidays_andCountMakeUpWorkdays() {
    // National Day 2026: 1–7 October off; Saturday 10 October a make-up working day.
    Settings s = Settings.from(new JsonObject()
        .put("calendar", new JsonObject().put("holidays", "2026-10-01,2026-10-02,2026-10-05,2026-10-06,2026-10-07")
            .put("workdays", "2026-10-10"))
        .put("sla", new JsonObject().put("visitWorkingDays", "3")));
    assertEquals(3, s.visitDays());
    assertEquals(15, s.settleDays());
    // Wed 30 Sep + 3 working days: Thu 8, Fri 9, Sat 10 (make-up) October.
    assertEquals(LocalDate.of(2026, 10, 10), s.calendar().addWorkingDays(LocalDate.of(2026, 9, 30), 3));
    // An ordinary Friday + 5 working days is the next Friday.
    assertEquals(LocalDate.of(2026, 11, 27), Settings.from(new JsonObject()).calendar()
        .addWorkingDays(LocalDate.of(2026, 11, 20), 5));
  }
}
