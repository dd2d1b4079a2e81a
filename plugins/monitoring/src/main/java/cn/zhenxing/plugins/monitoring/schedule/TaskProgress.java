package cn.zhenxing.plugins.monitoring.schedule;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One task of a quarter against its plan. Expected-by-now is the 序时 share: the plan × the elapsed share of the
 * quarter for things to do (the whole plan once the quarter is over, nothing before it starts). A rate is a level to
 * hold, not an amount to accumulate, so its expected figure is the whole target as soon as the quarter has begun.
 * The status compares done with expected: {@code behind} below it, {@code ahead} at least {@link #AHEAD_MARGIN} of
 * the plan above it (about nine days' work in a quarter), {@code on-schedule} between, {@code no-plan} without one.
 *
 * @param planned null when the quarter's plan does not name the task
 * @param done    things done, or the rate (0–1) for a rate task
 */
public record TaskProgress(ScheduleTask task, Double planned, double done, Double expected) {

  static final double AHEAD_MARGIN = 0.10;

  static TaskProgress of(ScheduleTask task, BigDecimal planned, double done, Quarter quarter, int daysElapsed) {
    if (planned == null) {
      return new TaskProgress(task, null, done, null);
    }
    double plan = planned.doubleValue();
    double expected = task.isRate() ? (daysElapsed == 0 ? 0 : plan) : plan * daysElapsed / quarter.days();
    return new TaskProgress(task, plan, done, round(expected, 2));
  }

  public String status() {
    if (planned == null) {
      return "no-plan";
    }
    if (done < expected) {
      return "behind";
    }
    return planned > 0 && done >= expected + AHEAD_MARGIN * planned ? "ahead" : "on-schedule";
  }

  /** Done over planned; null without a plan or for a plan of nothing. */
  public Double completion() {
    return planned == null || planned == 0 ? null : round(done / planned, 4);
  }

  public JsonObject toJson() {
    return new JsonObject().put("task", task.key()).put("labelZh", task.labelZh()).put("labelEn", task.labelEn())
        .put("unit", task.isRate() ? "rate" : "count")
        .put("planned", number(planned)).put("done", number(done)).put("completion", completion())
        .put("expected", expected).put("status", status());
  }

  /** Counts answer as whole numbers, rates as decimals. */
  private Number number(Double value) {
    if (value == null) {
      return null;
    }
    if (task.isRate()) {
      return round(value, 4);
    }
    return Math.round(value); // not in a ?: with the double above, which would widen it back to 7.0

  }

  static double round(double value, int places) {
    return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
  }
}
