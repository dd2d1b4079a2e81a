package cn.zhenxing.server.plugin;

import cn.zhenxing.sdk.county.CountyRegistry;
import cn.zhenxing.sdk.metrics.PluginMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin's metrics: names prefixed {@code zx_<plugin>_}, a {@code county} label on every series, per-county
 * gauges refreshed from the database on a timer. Everything it registered is removed when the plugin stops or fails.
 */
final class PluginMetricsImpl implements PluginMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(PluginMetricsImpl.class);
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,80}");

  private record CountyGauge(String name, Supplier<Future<Map<String, ? extends Number>>> query,
      Map<String, Double> values) {
  }

  private record LabeledGauge(String name, String label, MultiGauge gauge,
      Supplier<Future<Map<String, ? extends Map<String, ? extends Number>>>> query) {
  }

  private final String prefix;
  private final MeterRegistry registry;
  private final Vertx vertx;
  private final CountyRegistry counties;
  private final Duration refresh;
  private final List<Meter> meters = new CopyOnWriteArrayList<>();
  private final List<CountyGauge> gauges = new CopyOnWriteArrayList<>();
  private final List<LabeledGauge> labeledGauges = new CopyOnWriteArrayList<>();
  private long timerId = -1;

  PluginMetricsImpl(String pluginId, MeterRegistry registry, Vertx vertx, CountyRegistry counties,
      Duration refresh) {
    this.prefix = "zx_" + pluginId.replace('-', '_') + "_";
    this.registry = registry;
    this.vertx = vertx;
    this.counties = counties;
    this.refresh = refresh;
  }

  @Override
  public Counter counter(String name, String description, String countyCode) {
    Counter counter = Counter.builder(prefix + checked(name)).description(description).tag("county", countyCode)
        .register(registry);
    meters.add(counter);
    return counter;
  }

  @Override
  public void countyGauge(String name, String description, Supplier<Future<Map<String, ? extends Number>>> query) {
    CountyGauge gauge = new CountyGauge(prefix + checked(name), query, new ConcurrentHashMap<>());
    for (var county : counties.counties()) {
      gauge.values().put(county.code(), 0.0);
      meters.add(Gauge.builder(gauge.name(), gauge.values(), v -> v.getOrDefault(county.code(), 0.0))
          .description(description).tag("county", county.code()).register(registry));
    }
    gauges.add(gauge);
  }

  @Override
  public void countyGauge(String name, String description, String label,
      Supplier<Future<Map<String, ? extends Map<String, ? extends Number>>>> query) {
    if (label == null || "county".equals(label) || !NAME.matcher(label).matches()) {
      throw new IllegalArgumentException("a gauge's extra label is a lower-case name other than county: " + label);
    }
    String full = prefix + checked(name);
    labeledGauges.add(new LabeledGauge(full, label,
        MultiGauge.builder(full).description(description).register(registry), query));
  }

  /** Reads every county gauge now and then every refresh interval. */
  Future<Void> start() {
    if (gauges.isEmpty() && labeledGauges.isEmpty()) {
      return Future.succeededFuture();
    }
    timerId = vertx.setPeriodic(refresh.toMillis(), id -> refreshAll());
    return refreshAll();
  }

  private Future<Void> refreshAll() {
    List<Future<?>> reads = new ArrayList<>();
    for (CountyGauge gauge : gauges) {
      reads.add(readSafely(gauge).onSuccess(values -> gauge.values().replaceAll(
          (county, old) -> values.containsKey(county) ? values.get(county).doubleValue() : 0.0)));
    }
    for (LabeledGauge gauge : labeledGauges) {
      reads.add(readSafely(gauge.name(), gauge.query()).onSuccess(values -> {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        values.forEach((county, byLabel) -> byLabel.forEach((value, number) -> rows.add(
            MultiGauge.Row.of(Tags.of("county", county, gauge.label(), value), number.doubleValue()))));
        gauge.gauge().register(rows, true);
      }));
    }
    return Future.join(reads).<Void>mapEmpty().otherwiseEmpty();
  }

  private <T> Future<T> readSafely(String name, Supplier<Future<T>> query) {
    try {
      return query.get().onFailure(e -> LOG.warn("Metric {} could not be read: {}", name, e.getMessage()));
    } catch (RuntimeException e) {
      LOG.warn("Metric {} could not be read: {}", name, e.getMessage());
      return Future.failedFuture(e);
    }
  }

  private Future<Map<String, ? extends Number>> readSafely(CountyGauge gauge) {
    return readSafely(gauge.name(), gauge.query());
  }

  /** Removes every meter of the plugin. */
  void close() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    meters.forEach(registry::remove);
    meters.clear();
    gauges.clear();
    labeledGauges.forEach(g -> g.gauge().register(List.of(), true));
    labeledGauges.clear();
  }

  private static String checked(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("metric names are lower-case words joined by '_': " + name);
    }
    return name;
  }
}
