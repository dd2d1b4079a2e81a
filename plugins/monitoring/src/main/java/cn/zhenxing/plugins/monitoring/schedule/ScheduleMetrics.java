package cn.zhenxing.plugins.monitoring.schedule;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.county.County;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The current quarter's schedule per county and task (label {@code task}, the catalogue's eight keys): the plan,
 * what is done and what is expected by now, so a dashboard shows the target beside the actual. A rate task reads
 * 0–1 in all three. Tasks without a plan have no planned or expected series.
 */
public final class ScheduleMetrics {

  private final PluginContext ctx;
  private final ScheduleProgress progress;

  public ScheduleMetrics(PluginContext ctx) {
    this.ctx = ctx;
    this.progress = new ScheduleProgress(ctx.zone());
  }

  public void register() {
    gauge("schedule_planned", "序时进度：本季度计划 / This quarter's plan per task", TaskProgress::planned);
    gauge("schedule_done", "序时进度：本季度完成 / Done this quarter per task", TaskProgress::done);
    gauge("schedule_expected", "序时进度：按时间进度应完成 / Expected by now (plan × elapsed share of the quarter)",
        TaskProgress::expected);
  }

  private void gauge(String name, String description, Function<TaskProgress, Number> figure) {
    ctx.metrics().countyGauge(name, description, "task", () -> figures(figure));
  }

  private Future<Map<String, ? extends Map<String, ? extends Number>>> figures(Function<TaskProgress, Number> figure) {
    LocalDate today = LocalDate.now(ctx.clock().withZone(ctx.zone()));
    List<String> counties = ctx.counties().enabling(ctx.pluginId()).stream().map(County::code).toList();
    return progress.read(ctx.pool(), counties, Quarter.containing(today), today).map(snapshot -> {
      Map<String, Map<String, Number>> out = new TreeMap<>();
      for (String county : counties) {
        Map<String, Number> tasks = new TreeMap<>();
        snapshot.tasks(county).forEach(t -> {
          Number value = figure.apply(t);
          if (value != null) {
            tasks.put(t.task().key(), value);
          }
        });
        out.put(county, tasks);
      }
      return out;
    });
  }
}
