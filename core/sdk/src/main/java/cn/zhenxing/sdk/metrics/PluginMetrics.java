package cn.zhenxing.sdk.metrics;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A plugin's business metrics. Every name is prefixed {@code zx_<plugin>_} (so {@code households} of plugin
 * {@code monitoring} is scraped as {@code zx_monitoring_households}) and every series carries a {@code county} label
 * with the GB/T 2260 code. Names are lower-case words joined by {@code _}.
 */
public interface PluginMetrics {

  /** A counter for one county, e.g. warnings raised. Scraped with the suffix {@code _total}. */
  Counter counter(String name, String description, String countyCode);

  /**
   * A per-county figure read from the database, e.g. households under monitoring. The host calls {@code query}
   * periodically (every 30 s by default) and on start; it answers a map from county code to value. Counties missing
   * from the answer read 0. A failing query keeps the previous values and is logged.
   */
  void countyGauge(String name, String description, Supplier<Future<Map<String, ? extends Number>>> query);

  /**
   * A per-county figure broken down by one more label, e.g. agreed tonnes by {@code product} or trainees by
   * {@code brand}: scraped as {@code zx_<plugin>_<name>{county="140721",product="urea"}}. {@code query} answers, per
   * county code, a map from the label's value to the figure; it is re-read like {@link #countyGauge(String, String,
   * Supplier)}. A series appears when its pair first appears in an answer and is dropped when it is missing from one.
   *
   * @param label a lower-case label name other than {@code county}; keep its values few (a dictionary, not ids)
   */
  void countyGauge(String name, String description, String label,
      Supplier<Future<Map<String, ? extends Map<String, ? extends Number>>>> query);
}
