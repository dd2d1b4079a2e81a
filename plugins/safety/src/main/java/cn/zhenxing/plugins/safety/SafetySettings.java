package cn.zhenxing.plugins.safety;

import io.vertx.core.json.JsonObject;

/**
 * The plugin's configuration ({@code plugins.safety} section), with the defaults in code.
 *
 * @param deadlinesCron        {@code deadlinesCron}: the daily overdue check and escalation (default 01:00)
 * @param progressCron         {@code progressCron}: the campaign progress summary (default Mondays 08:00)
 * @param statisticsCron       {@code statisticsCron}: quarterly hazard statistics (default 02:00 on the first day of
 *                             each quarter, for the quarter just ended)
 */
public record SafetySettings(String deadlinesCron, String progressCron, String statisticsCron) {

  static SafetySettings of(JsonObject config) {
    return new SafetySettings(config.getString("deadlinesCron", "0 1 * * *"),
        config.getString("progressCron", "0 8 * * 1"),
        config.getString("statisticsCron", "0 2 1 1,4,7,10 *"));
  }
}
