package cn.zhenxing.server.plugin;

import cn.zhenxing.sdk.ZhenxingPlugin;
import cn.zhenxing.sdk.data.DataStep;
import cn.zhenxing.server.Futures;
import cn.zhenxing.server.config.ServerConfig;
import cn.zhenxing.server.county.Counties;
import cn.zhenxing.server.db.Database;
import cn.zhenxing.server.db.Migrations;
import cn.zhenxing.server.http.PluginMounts;
import cn.zhenxing.server.job.Scheduler;
import cn.zhenxing.server.openapi.ApiDocs;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives every plugin through one lifecycle, the only place plugin states change:
 * load → check the core version → register → migrate → seed → demo data → start → API docs → metrics → jobs →
 * routes (with the spreadsheet routes of its registers) → event subscriptions → started. Every step is bounded by a
 * timeout; a failing step marks the plugin failed with the step and the reason, undoes what the plugin had
 * registered, and the next plugin starts as if nothing happened.
 */
public final class PluginHost {

  private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration MIGRATION_TIMEOUT = Duration.ofMinutes(15);
  /**
   * Demo data runs once per database and may be large on purpose (monitoring's population scales to a million
   * households for benchmarks, sealing every member's ID number): bounded like a migration, not like a quick step.
   */
  private static final Duration DEMO_TIMEOUT = Duration.ofMinutes(15);
  /** Plugin ids that would collide with the core's own URLs or schemas. */
  private static final Set<String> RESERVED = Set.of("counties", "plugins", "jobs", "auth", "users", "audit",
      "openapi.json", "docs", "core", "public", "health", "metrics", "admin", "system");

  private final Vertx vertx;
  private final ServerConfig config;
  private final Database database;
  private final Counties counties;
  private final Scheduler scheduler;
  private final PluginMounts mounts;
  private final ApiDocs apiDocs;
  private final MeterRegistry registry;
  private final Clock clock;
  private final List<InProcessPlugin> inProcess;
  private final PlatformServices services;
  private final Map<String, PluginRecord> records = new TreeMap<>();
  private JarPluginManager pf4j;

  public PluginHost(Vertx vertx, ServerConfig config, Database database, Counties counties, Scheduler scheduler,
      PluginMounts mounts, ApiDocs apiDocs, MeterRegistry registry, Clock clock, List<InProcessPlugin> inProcess,
      PlatformServices services) {
    this.vertx = vertx;
    this.config = config;
    this.database = database;
    this.counties = counties;
    this.scheduler = scheduler;
    this.mounts = mounts;
    this.apiDocs = apiDocs;
    this.registry = registry;
    this.clock = clock;
    this.inProcess = List.copyOf(inProcess);
    this.services = services;
  }

  /** Loads every plugin jar of the plugins directory and the in-process plugins, then starts them one by one. */
  public Future<Void> startAll(String coreVersion) {
    return vertx.executeBlocking(() -> discover(coreVersion)).compose(v -> {
      Future<Void> chain = Future.succeededFuture();
      for (PluginRecord record : records.values()) {
        chain = chain.compose(x -> start(record, coreVersion));
      }
      return chain;
    });
  }

  /** All plugins the host knows, by id. */
  public Collection<PluginRecord> plugins() {
    return List.copyOf(records.values());
  }

  /** Whether a plugin with this id is installed (in any state). */
  public boolean installed(String pluginId) {
    return records.containsKey(pluginId);
  }

  /** Whether every installed plugin that is not switched off has started. */
  public boolean allStarted() {
    return records.values().stream().allMatch(r -> r.state() == PluginState.STARTED
        || r.state() == PluginState.DISABLED);
  }

  private Void discover(String coreVersion) {
    if (Files.isDirectory(config.pluginsDir())) {
      pf4j = new JarPluginManager(config.pluginsDir(), coreVersion);
      pf4j.loadPlugins();
      for (PluginWrapper wrapper : pf4j.getPlugins()) {
        var descriptor = wrapper.getDescriptor();
        add(new PluginRecord(descriptor.getPluginId(), descriptor.getVersion(), descriptor.getRequires(),
            wrapper.getPluginPath().getFileName().toString(), wrapper.getPluginClassLoader()));
      }
      LOG.info("Found {} plugin jar(s) in {}", pf4j.getPlugins().size(), config.pluginsDir());
    } else {
      LOG.warn("Plugins directory {} does not exist: no plugin jars loaded", config.pluginsDir());
    }
    for (InProcessPlugin p : inProcess) {
      add(new PluginRecord(p.id(), p.version(), "*", "classpath", ZhenxingPlugin.class.getClassLoader()));
    }
    for (PluginRecord record : records.values()) {
      for (PluginState state : PluginState.values()) {
        Gauge.builder("zx_plugin_state", record, r -> r.state() == state ? 1 : 0)
            .description("1 when the plugin is in this state").tag("plugin", record.id())
            .tag("state", state.label()).register(registry);
      }
    }
    return null;
  }

  private void add(PluginRecord record) {
    PluginRecord previous = records.putIfAbsent(record.id(), record);
    if (previous != null) {
      LOG.error("Plugin id {} is installed twice ({} and {}); only the first is used", record.id(),
          previous.source(), record.source());
    }
  }

  private Future<Void> start(PluginRecord record, String coreVersion) {
    if (!record.id().matches("[a-z][a-z0-9-]{1,40}") || RESERVED.contains(record.id())) {
      record.failed("插件编号无效 / invalid plugin id: lower-case letters, digits and '-', not one of " + RESERVED);
      return Future.succeededFuture();
    }
    if (config.disabledPlugins().contains(record.id())) {
      record.disabled("switched off by configuration (plugins.disabled)");
      LOG.info("Plugin {} is disabled by configuration", record.id());
      return Future.succeededFuture();
    }
    if (pf4j != null && !"classpath".equals(record.source()) && !pf4j.coreSatisfies(record.requires())) {
      record.failed("incompatible: requires core " + record.requires() + ", this core is " + coreVersion);
      LOG.error("Plugin {} {} is incompatible: it requires core {}, this core is {}", record.id(), record.version(),
          record.requires(), coreVersion);
      return Future.succeededFuture();
    }
    long began = System.nanoTime();
    return step(record, "register", STEP_TIMEOUT, () -> {
      record.plugin = instantiate(record);
      record.metrics = new PluginMetricsImpl(record.id(), registry, vertx, counties, config.metricsRefresh());
      record.context = new PluginContextImpl(record.id(), record.version(), vertx, database.pool(),
          database.reads(), clock, config.timeZone(), counties, config.pluginSection(record.id()), record.metrics,
          services);
      services.permissions().addPlugin(record.id());
      record.plugin.register(record.context);
      return Future.succeededFuture();
    })
        .compose(v -> step(record, "migrate", MIGRATION_TIMEOUT, () -> vertx.executeBlocking(() -> Migrations.migrate(
            database.dataSource(), record.classLoader(), record.context.schema(), record.context.migrationsLocation))))
        .compose(v -> step(record, "seed data", STEP_TIMEOUT, () -> applySeed(record)))
        .compose(v -> step(record, "demo data", DEMO_TIMEOUT, () -> applyDemo(record)))
        .compose(v -> step(record, "start", STEP_TIMEOUT, () -> record.plugin.start(record.context)))
        .compose(v -> step(record, "OpenAPI document", STEP_TIMEOUT, () -> record.context.openApiResource == null
            && record.context.sheets.isEmpty()
            ? Future.succeededFuture()
            : apiDocs.addPlugin(record.id(), record.classLoader(), record.context.openApiResource,
                record.context.sheets)))
        .compose(v -> step(record, "metrics", STEP_TIMEOUT, () -> record.metrics.start()))
        .compose(v -> step(record, "jobs", STEP_TIMEOUT, () -> {
          record.context.jobs.forEach(j -> scheduler.add(record.id(), j.spec(), j.job()));
          return Future.succeededFuture();
        }))
        .compose(v -> step(record, "routes", STEP_TIMEOUT, () -> {
          if (!record.context.sheets.isEmpty()) {
            services.sheets().mount(record.context.countyRouter, record.id(), record.context.schema(),
                record.context.audit(), record.context.sheets);
          }
          record.routes.addAll(mounts.mount(record.id(), record.context.countyRouter, record.context.cityRouter));
          return Future.succeededFuture();
        }))
        .compose(v -> step(record, "event subscriptions", STEP_TIMEOUT, () -> {
          services.events().start(record.id(), record.context.events.declared());
          return Future.succeededFuture();
        }))
        .<Void>map(v -> {
          record.started();
          LOG.info("Plugin {} {} started in {} ms ({} jobs)", record.id(), record.version(),
              (System.nanoTime() - began) / 1_000_000, record.context.jobs.size());
          return null;
        })
        .recover(failure -> {
          record.failed(failure.getMessage());
          LOG.error("Plugin {} {} failed: {}", record.id(), record.version(), failure.getMessage(),
              failure.getCause());
          return undo(record);
        });
  }

  private ZhenxingPlugin instantiate(PluginRecord record) {
    if ("classpath".equals(record.source())) {
      return inProcess.stream().filter(p -> p.id().equals(record.id())).findFirst().orElseThrow().factory().get();
    }
    pf4j.startPlugin(record.id());
    List<ZhenxingPlugin> found = pf4j.getExtensions(ZhenxingPlugin.class, record.id());
    if (found.size() != 1) {
      throw new IllegalStateException("the jar must hold exactly one @Extension implementing ZhenxingPlugin, found "
          + found.size());
    }
    return found.get(0);
  }

  /** Runs one lifecycle step within its time limit, naming the step in the failure. */
  private <T> Future<Void> step(PluginRecord record, String name, Duration limit, Callable<Future<T>> action) {
    return Futures.within(vertx, limit, name, Futures.attempt(action))
        .<Void>mapEmpty()
        .recover(e -> Future.failedFuture(new StepFailure(name, e)));
  }

  private Future<Void> applySeed(PluginRecord record) {
    if (record.context.seedSteps.isEmpty()) {
      return Future.succeededFuture();
    }
    return database.pool().withTransaction(conn -> runSteps(record.context.seedSteps, conn));
  }

  private Future<Void> applyDemo(PluginRecord record) {
    if (!config.demoData() || record.context.demoSteps.isEmpty()) {
      return Future.succeededFuture();
    }
    return database.pool().withTransaction(conn -> conn
        .preparedQuery("INSERT INTO core.demo_data (plugin_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING plugin_id")
        .execute(Tuple.of(record.id()))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture()
            : runSteps(record.context.demoSteps, conn).onSuccess(v -> LOG.info("Demo data of {} applied",
                record.id()))));
  }

  private static Future<Void> runSteps(List<DataStep> steps, io.vertx.sqlclient.SqlConnection conn) {
    Future<Void> chain = Future.succeededFuture();
    for (DataStep step : steps) {
      chain = chain.compose(v -> Futures.attempt(() -> step.apply(conn)));
    }
    return chain;
  }

  /** Takes back whatever a failed or stopping plugin had put into the platform. */
  private Future<Void> undo(PluginRecord record) {
    record.routes.forEach(Route::remove);
    record.routes.clear();
    apiDocs.removePlugin(record.id());
    services.permissions().removePlugin(record.id());
    if (record.metrics != null) {
      record.metrics.close();
    }
    return Future.join(services.events().remove(record.id()), scheduler.remove(record.id()))
        .<Void>mapEmpty().otherwiseEmpty();
  }

  /** Stops every started plugin: routes first, then jobs (waiting for runs in flight), then the plugin itself. */
  public Future<Void> stopAll() {
    List<Future<Void>> stops = new ArrayList<>();
    for (PluginRecord record : records.values()) {
      if (record.state() != PluginState.STARTED) {
        continue;
      }
      stops.add(undo(record)
          .compose(v -> Futures.within(vertx, STEP_TIMEOUT, "stop", Futures.attempt(() -> record.plugin.stop())))
          .onComplete(ar -> {
            record.stopped();
            if (ar.failed()) {
              LOG.warn("Plugin {} did not stop cleanly: {}", record.id(), ar.cause().getMessage());
            }
          }));
    }
    return Future.join(stops).<Void>mapEmpty().otherwiseEmpty()
        .compose(v -> pf4j == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
          pf4j.stopPlugins();
          pf4j.unloadPlugins();
          return null;
        }));
  }

  /** A lifecycle step that failed; its message names the step and the reason. */
  static final class StepFailure extends RuntimeException {
    StepFailure(String step, Throwable cause) {
      super(step + " failed: " + describe(cause), cause, false, false);
    }

    private static String describe(Throwable e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String rootMessage = firstLines(root, 3);
      String topLine = firstLines(e, 1);
      return root == e || rootMessage.contains(topLine) ? rootMessage : topLine + ": " + rootMessage;
    }

    private static String firstLines(Throwable e, int lines) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return message.lines().filter(l -> !l.isBlank() && !l.startsWith("---")).limit(lines)
          .reduce((a, b) -> a + " " + b).orElse(message).trim();
    }
  }
}
