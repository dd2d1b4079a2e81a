package cn.zhenxing.plugins.monitoring.schedule;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fixed catalogue of dynamic-monitoring tasks a quarter's plan can name. Each is counted from a register that
 * already exists (see {@link DoneFigures}), so nobody ticks a box to report progress. Every task but the insurance
 * coverage counts things done in the quarter; the coverage is a rate (0–1) that should hold, not accumulate.
 */
public enum ScheduleTask {
  VISITS("visits", "走访核查", "Warnings visited by a cadre"),
  WARNINGS_SETTLED("warnings-settled", "预警处置", "Warnings settled"),
  IDENTIFICATIONS("identifications", "识别认定", "Identifications approved"),
  ELIMINATIONS("eliminations", "风险消除", "Risk eliminations approved"),
  MEASURES("measures", "帮扶措施", "Assistance measures started"),
  COMPARISON_BATCHES("comparison-batches", "信息比对", "Department comparison batches applied"),
  JOINT_MEETING("joint-meeting", "联席会议", "Joint meeting held"),
  INSURANCE_COVERAGE("insurance-coverage", "防返贫保险覆盖", "Monitoring objects holding 防返贫保险 (rate 0–1)");

  private final String key;
  private final String labelZh;
  private final String labelEn;

  ScheduleTask(String key, String labelZh, String labelEn) {
    this.key = key;
    this.labelZh = labelZh;
    this.labelEn = labelEn;
  }

  public String key() {
    return key;
  }

  public String labelZh() {
    return labelZh;
  }

  public String labelEn() {
    return labelEn;
  }

  /** A rate to hold (0–1) rather than a number of things to do. */
  public boolean isRate() {
    return this == INSURANCE_COVERAGE;
  }

  public static Optional<ScheduleTask> byKey(String key) {
    return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(ScheduleTask::key).toList();
  }
}
