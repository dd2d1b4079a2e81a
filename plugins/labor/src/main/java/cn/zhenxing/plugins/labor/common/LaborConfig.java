package cn.zhenxing.plugins.labor.common;

import io.vertx.core.json.JsonObject;

/**
 * The plugin's settings ({@code plugins.labor} of the configuration) with their defaults.
 *
 * @param employmentLostGraceDays   days after an employment ends within which a new one must start, else the
 *                                  employment-lost event is published
 * @param employmentLostLookbackDays employments that ended longer ago than grace + this are not examined (so an
 *                                  import of old history does not raise a flood of stale signals)
 * @param employmentLostCron        when the employment-lost check runs (daily)
 * @param snapshotCron              when the monthly snapshot is taken
 * @param gapReportCron             when the target-gap report runs
 * @param demoScale                 the demo data's size as a share of the real programme (1.0: about 106,000
 *                                  labourers, as many as the targets need; tests use less)
 */
public record LaborConfig(int employmentLostGraceDays, int employmentLostLookbackDays,
                          String employmentLostCron, String snapshotCron, String gapReportCron, double demoScale) {

  public static LaborConfig from(JsonObject config) {
    return new LaborConfig(
        Integer.parseInt(String.valueOf(config.getValue("employmentLostGraceDays", 30))),
        Integer.parseInt(String.valueOf(config.getValue("employmentLostLookbackDays", 90))),
        config.getString("employmentLostCron", "30 5 * * *"),
        config.getString("snapshotCron", "0 2 1 * *"),
        config.getString("gapReportCron", "0 7 * * 1"),
        Double.parseDouble(String.valueOf(config.getValue("demoScale", 1.0))));
  }
}
