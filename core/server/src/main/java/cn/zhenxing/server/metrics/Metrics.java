package cn.zhenxing.server.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.ext.web.Router;

/**
 * One Prometheus registry per server: Vert.x's HTTP and pool metrics (labelled by route, never by raw path, to keep
 * cardinality bounded), JVM metrics, job metrics and the plugins' business metrics, scraped at {@code /metrics}.
 */
public final class Metrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Vert.x options that report into this registry. */
  public VertxOptions vertxOptions() {
    return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setLabels(java.util.EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE, Label.POOL_TYPE,
            Label.POOL_NAME)));
  }

  public MicrometerMetricsFactory factory() {
    return new MicrometerMetricsFactory(registry);
  }

  public void mount(Router root) {
    root.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
  }
}
