package cn.zhenxing.plugins.monitoring.schedule;

import cn.zhenxing.sdk.county.CountyRegistry;
import cn.zhenxing.sdk.http.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of a plan: {@code {"counties": [{"county": "140721", "tasks": {"visits": 40, "insurance-coverage":
 * 0.95}}, …]}} — what a city administrator fills in for the quarter, many counties at once. Every bad field is
 * named in one 422 ({@code counties[2].tasks.visits}).
 */
record PlanRequest(List<CountyPlan> counties) {

  /** Quantities above this are typing mistakes (the largest county has a few thousand monitored households). */
  static final long MAX_QUANTITY = 100_000;

  record CountyPlan(String county, Map<ScheduleTask, BigDecimal> tasks) {
  }

  static PlanRequest parse(JsonObject body, CountyRegistry counties, String pluginId) {
    Fields f = Fields.of(body);
    JsonArray given = f.array("counties", 50, true);
    f.check(body.getValue("counties") == null || !given.isEmpty(), "counties", "至少一个县 / at least one county");
    List<CountyPlan> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < given.size(); i++) {
      String path = "counties[" + i + "]";
      if (!(given.getValue(i) instanceof JsonObject item)) {
        f.check(false, path, "应为对象 / must be an object");
        continue;
      }
      Fields c = f.nested(item, path);
      String county = c.text("county", 6, true);
      if (county != null) {
        c.check(counties.enables(county, pluginId), "county", "不是启用本插件的县 / not a county that enables this"
            + " plugin");
        c.check(seen.add(county), "county", "重复 / listed twice");
      }
      Map<ScheduleTask, BigDecimal> tasks = tasks(c, item, path);
      out.add(new CountyPlan(county, tasks));
    }
    f.validate();
    return new PlanRequest(out);
  }

  private static Map<ScheduleTask, BigDecimal> tasks(Fields c, JsonObject item, String path) {
    Map<ScheduleTask, BigDecimal> tasks = new EnumMap<>(ScheduleTask.class);
    if (!(item.getValue("tasks") instanceof JsonObject given)) {
      c.check(false, "tasks", item.getValue("tasks") == null ? "必填 / required" : "应为对象 / must be an object");
      return tasks;
    }
    c.check(!given.isEmpty(), "tasks", "至少一项任务 / at least one task");
    Fields t = c.nested(given, "tasks");
    for (String key : given.fieldNames()) {
      ScheduleTask task = ScheduleTask.byKey(key).orElse(null);
      if (task == null) {
        t.check(false, key, "未知任务，应为 " + String.join("、", ScheduleTask.keys()) + " 之一 / unknown task kind,"
            + " must be one of " + String.join(", ", ScheduleTask.keys()));
      } else if (task.isRate()) {
        tasks.put(task, t.decimal(key, BigDecimal.ZERO, BigDecimal.ONE, true));
      } else {
        Long quantity = t.integer(key, 0, MAX_QUANTITY, true);
        tasks.put(task, quantity == null ? null : BigDecimal.valueOf(quantity));
      }
    }
    return tasks;
  }
}
