package cn.zhenxing.plugins.monitoring.schedule;

import cn.zhenxing.plugins.monitoring.schedule.DoneFigures.Done;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plans and the done figures of some counties for a quarter, read once, and the progress of each county and of
 * all of them together. The total sums counts and count plans; the coverage is covered over monitoring objects of
 * all counties, against the counties' targets weighted by their monitoring objects (a plain mean when none has any).
 */
public record Snapshot(Quarter quarter, int daysElapsed, Map<String, Map<ScheduleTask, BigDecimal>> plans,
                       Map<String, Map<ScheduleTask, Done>> done) {

  public boolean hasPlan(String county) {
    return plans.containsKey(county);
  }

  /** Every task of the catalogue for the county, planned or not. */
  public List<TaskProgress> tasks(String county) {
    List<TaskProgress> out = new ArrayList<>();
    for (ScheduleTask task : ScheduleTask.values()) {
      Done d = done(county, task);
      out.add(TaskProgress.of(task, plan(county, task), task.isRate() ? d.rate() : d.count(), quarter, daysElapsed));
    }
    return out;
  }

  /** Every task for the counties together. */
  public List<TaskProgress> total(List<String> counties) {
    List<TaskProgress> out = new ArrayList<>();
    for (ScheduleTask task : ScheduleTask.values()) {
      long count = 0;
      long base = 0;
      BigDecimal planned = null;
      BigDecimal weighted = BigDecimal.ZERO;
      long weights = 0;
      int planning = 0;
      for (String county : counties) {
        Done d = done(county, task);
        count += d.count();
        base += d.base();
        BigDecimal plan = plan(county, task);
        if (plan != null) {
          planning++;
          planned = planned == null ? plan : planned.add(plan);
          weighted = weighted.add(plan.multiply(BigDecimal.valueOf(d.base())));
          weights += d.base();
        }
      }
      if (task.isRate() && planned != null) {
        planned = weights == 0 ? planned.divide(BigDecimal.valueOf(planning), 4, RoundingMode.HALF_UP)
            : weighted.divide(BigDecimal.valueOf(weights), 4, RoundingMode.HALF_UP);
      }
      double value = task.isRate() ? new Done(count, base).rate() : count;
      out.add(TaskProgress.of(task, planned, value, quarter, daysElapsed));
    }
    return out;
  }

  private BigDecimal plan(String county, ScheduleTask task) {
    return plans.getOrDefault(county, Map.of()).get(task);
  }

  private Done done(String county, ScheduleTask task) {
    return done.getOrDefault(county, Map.of()).getOrDefault(task, Done.NONE);
  }
}
