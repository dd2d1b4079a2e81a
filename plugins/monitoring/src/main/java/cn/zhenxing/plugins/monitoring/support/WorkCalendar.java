package cn.zhenxing.plugins.monitoring.support;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * Working days: Monday to Friday, minus the configured public holidays, plus the configured make-up working days
 * (调休上班) that fall on a weekend.
 */
public record WorkCalendar(Set<LocalDate> holidays, Set<LocalDate> workdays) {

  public WorkCalendar {
    holidays = Set.copyOf(holidays);
    workdays = Set.copyOf(workdays);
  }

  public boolean isWorkingDay(LocalDate day) {
    if (workdays.contains(day)) {
      return true;
    }
    if (holidays.contains(day)) {
      return false;
    }
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  /** The {@code n}-th working day after {@code start} (the start day itself does not count). */
  public LocalDate addWorkingDays(LocalDate start, int n) {
    LocalDate day = start;
    int left = n;
    while (left > 0) {
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        left--;
      }
    }
    return day;
  }
}
