package cn.zhenxing.server;

import cn.zhenxing.server.audit.AuditApi;
import cn.zhenxing.server.audit.AuditRetention;
import cn.zhenxing.server.audit.AuditTrail;
import cn.zhenxing.server.config.ServerConfig;
import cn.zhenxing.server.county.Counties;
import cn.zhenxing.server.county.CountiesApi;
import cn.zhenxing.server.db.Database;
import cn.zhenxing.server.db.EmbeddedDatabase;
import cn.zhenxing.server.db.Migrations;
import cn.zhenxing.server.event.EventOutbox;
import cn.zhenxing.server.health.HealthApi;
import cn.zhenxing.server.http.ConstraintFields;
import cn.zhenxing.server.http.HttpPipeline;
import cn.zhenxing.server.http.HttpVerticle;
import cn.zhenxing.server.http.RequestIds;
import cn.zhenxing.server.job.JobsApi;
import cn.zhenxing.server.job.Scheduler;
import cn.zhenxing.server.metrics.Metrics;
import cn.zhenxing.server.notify.InboxApi;
import cn.zhenxing.server.notify.NotificationCenter;
import cn.zhenxing.server.openapi.OpenApiRegistry;
import cn.zhenxing.server.personal.DataKeys;
import cn.zhenxing.server.personal.PersonalDataService;
import cn.zhenxing.server.plugin.InProcessPlugin;
import cn.zhenxing.server.plugin.PlatformServices;
import cn.zhenxing.server.plugin.PluginHost;
import cn.zhenxing.server.plugin.PluginsApi;
import cn.zhenxing.server.security.AccessDenials;
import cn.zhenxing.server.security.Authentication;
import cn.zhenxing.server.security.CoreAccess;
import cn.zhenxing.server.security.PermissionRegistry;
import cn.zhenxing.server.sheet.SheetService;
import cn.zhenxing.server.time.AdjustableClock;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Zhenxing server: database, migrations, counties, plugins, scheduler and HTTP, started in that order (the HTTP
 * port opens only when everything before it is done) and stopped in the reverse order.
 */
public final class ZhenxingServer {

  private static final Logger LOG = LoggerFactory.getLogger(ZhenxingServer.class);

  /** The core's version; plugins' {@code Plugin-Requires} are checked against it. */
  public static final String VERSION = readVersion();

  private final ServerConfig config;
  private final List<InProcessPlugin> inProcessPlugins;
  private final AdjustableClock clock;
  private final Metrics metrics = new Metrics();
  private final PermissionRegistry permissions = new PermissionRegistry();
  /**
   * How often enablement is re-read from the database: a change made through another server process on the same
   * database reaches this one within this time (changes made through this process apply at once).
   */
  private static final long COUNTY_REFRESH_MS = 5_000;

  private long countyRefreshTimer = -1;
  /** This process among those sharing the database, recorded with its job runs and event deliveries. */
  private final String instanceId = newInstanceId();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private Vertx vertx;
  private EmbeddedDatabase embedded;
  private Database database;
  private Counties counties;
  private Scheduler scheduler;
  private PluginHost plugins;
  private AuditTrail audit;
  private DataKeys dataKeys;
  private Authentication authentication;
  /** One per event loop serving the API (see HttpVerticle), all on one port. */
  private final List<HttpServer> http = new CopyOnWriteArrayList<>();
  private Router apiRouter;

  public ZhenxingServer(ServerConfig config, List<InProcessPlugin> inProcessPlugins) {
    this.config = config;
    this.inProcessPlugins = List.copyOf(inProcessPlugins);
    this.clock = new AdjustableClock(config.timeZone());
  }

  /**
   * Starts everything; the future completes when the HTTP port is open. If it fails, call {@link #stop()} to release
   * what was started (the embedded database above all).
   */
  public Future<ZhenxingServer> start() {
    RequestIds.init();
    vertx = Vertx.builder().with(metrics.vertxOptions()).withMetrics(metrics.factory()).build();
    return vertx.executeBlocking(() -> {
          // Blocking file I/O, once: the key that protects personal data and TOTP secrets at rest.
          dataKeys = DataKeys.load(config.dataDir(), config.security().getString("dataKey"));
          return databaseUri();
        })
        .compose(uri -> {
          database = Database.connect(vertx, uri, config.dbPoolSize(), config.dbReadsPoolSize());
          LOG.info("Using PostgreSQL at {}", database.describe());
          return vertx.executeBlocking(() -> Migrations.migrate(database.dataSource(),
              ZhenxingServer.class.getClassLoader(), "core", "db/core"));
        })
        .compose(applied -> {
          counties = new Counties(database.pool());
          audit = new AuditTrail(database.pool(), clock);
          authentication = new Authentication(vertx, database.pool(), database.connectOptions(), metrics.registry(),
              clock, config.security(), dataKeys, permissions, audit, counties);
          return counties.load(config.counties());
        })
        .onSuccess(v -> countyRefreshTimer = vertx.setPeriodic(COUNTY_REFRESH_MS, id -> counties.reload()
            .onFailure(e -> LOG.warn("Could not re-read county enablement: {}", e.getMessage()))))
        .compose(v -> authentication.bootstrap())
        .compose(v -> assemble().startAll(VERSION))
        .compose(v -> {
          scheduler.start();
          return listen();
        })
        .map(port -> {
          LOG.info("HTTP listening on {}:{} ({} event loops)", config.httpHost(), port, http.size());
          return this;
        })
        .recover(failure -> Future.failedFuture(new IllegalStateException(
            "start-up failed: " + failure.getMessage(), failure)));
  }

  /**
   * Builds the services and the request pipeline and wires them together; answers the plugin host, whose start
   * comes next.
   */
  private PluginHost assemble() {
    scheduler = new Scheduler(vertx, database.pool(), clock, counties, metrics.registry(), instanceId,
        config.timeZone(), config.jobsEnabled());
    AuditRetention auditRetention = new AuditRetention(audit, clock, AuditRetention.retentionDays(config.security()));
    scheduler.add(AuditTrail.CORE, auditRetention.spec(), auditRetention);
    EventOutbox events = new EventOutbox(vertx, database.pool(), clock, counties, metrics.registry(), instanceId);
    scheduler.add(AuditTrail.CORE, events.retention().spec(), events.retention());
    AccessDenials denials = new AccessDenials(database.pool(), audit, clock);
    CoreAccess access = new CoreAccess(denials);
    OpenApiRegistry apiDocs = new OpenApiRegistry(vertx);
    PersonalDataService personalData = new PersonalDataService(dataKeys, audit, clock);
    SheetService sheets = new SheetService(vertx, database.dataSource(), database.pool(), clock, counties,
        personalData, config.dataDir(), config.sheetsMaxUploadBytes(), 2, instanceId);
    scheduler.add(AuditTrail.CORE, sheets.sweep().spec(), sheets.sweep());
    NotificationCenter notifications = new NotificationCenter(events, clock, metrics.registry());
    ConstraintFields constraints = new ConstraintFields();
    PlatformServices services = new PlatformServices(permissions, denials, audit, personalData, events, sheets,
        notifications, constraints);
    HttpPipeline[] pipeline = new HttpPipeline[1];
    plugins = new PluginHost(vertx, config, database, counties, scheduler,
        (id, countyRouter, cityRouter) -> pipeline[0].mount(id, countyRouter, cityRouter), apiDocs,
        metrics.registry(), clock, inProcessPlugins, services);
    List<Consumer<Router>> coreApis = List.of(
        authentication::mount,
        new CountiesApi(counties, plugins::installed, access, audit, database.pool(), clock)::mount,
        new PluginsApi(plugins, counties, access)::mount,
        new JobsApi(scheduler, access, audit, database.pool(), clock)::mount,
        new AuditApi(database.pool(), access, audit, config.timeZone())::mount,
        new InboxApi(database.pool(), audit, clock)::mount,
        apiDocs::mount);
    pipeline[0] = new HttpPipeline(vertx, counties, denials, config.bodyLimitBytes(), authentication.handler(),
        apiDocs.validator(), root -> {
          authentication.mountEdge(root);
          new HealthApi(database.pool(), plugins, stopping::get).mount(root);
          metrics.mount(root);
          apiDocs.mountDocsUi(root);
        }, coreApis, constraints);
    apiRouter = pipeline[0].router();
    return plugins;
  }

  /**
   * Deploys one HTTP server per core on one port, which Vert.x shares among them, so the API is not capped at one
   * event loop. A configured port of 0 (any free port) becomes -1: Vert.x's "random port, shared by every server
   * asking for -1", so all of them get the same one.
   */
  private Future<Integer> listen() {
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    int port = config.httpPort() == 0 ? -1 : config.httpPort();
    return vertx.deployVerticle(() -> new HttpVerticle(apiRouter, port, config.httpHost(), http::add),
            new DeploymentOptions().setInstances(instances))
        .map(id -> http.get(0).actualPort());
  }

  private String databaseUri() throws IOException {
    if (config.dbUrl().isPresent()) {
      return config.dbUrl().get();
    }
    embedded = EmbeddedDatabase.start(config.dataDir(), config.embeddedDbPort());
    return embedded.uri();
  }

  /**
   * Stops gracefully: stop accepting, let in-flight requests finish (up to the configured grace), stop jobs and
   * plugins, close the pool, stop the embedded database.
   */
  public CompletableFuture<Void> stop() {
    if (!stopping.compareAndSet(false, true)) {
      return stopped;
    }
    if (vertx == null) {
      stopped.complete(null);
      return stopped;
    }
    LOG.info("Shutting down");
    vertx.cancelTimer(countyRefreshTimer);
    Future<Void> httpDone = Future.all(http.stream()
            .map(server -> server.shutdown(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)).toList())
        .mapEmpty();
    httpDone.otherwiseEmpty()
        .compose(v -> scheduler == null ? Future.succeededFuture() : scheduler.stop())
        .compose(v -> plugins == null ? Future.succeededFuture() : plugins.stopAll())
        .otherwiseEmpty()
        .compose(v -> authentication == null ? Future.succeededFuture() : authentication.stop())
        .compose(v -> database == null ? Future.succeededFuture() : database.close().otherwiseEmpty())
        // Nothing may be chained on a Vert.x future after close: its event loops are gone. Finish on a plain thread.
        .onComplete(ignored -> vertx.close().onComplete(closed -> new Thread(this::stopEmbedded,
            "zhenxing-stop-db").start()));
    return stopped;
  }

  private void stopEmbedded() {
    try {
      if (embedded != null) {
        embedded.close();
      }
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    } finally {
      LOG.info("Stopped");
      stopped.complete(null);
    }
  }

  /** The port the HTTP server listens on (useful when configured as 0). */
  public int port() {
    return http.get(0).actualPort();
  }

  public AdjustableClock clock() {
    return clock;
  }

  public Pool pool() {
    return database.pool();
  }

  public Vertx vertx() {
    return vertx;
  }

  public ServerConfig config() {
    return config;
  }

  /** The embedded database's port, or -1 when an external database is used. */
  public int embeddedDatabasePort() {
    return embedded == null ? -1 : embedded.port();
  }

  private static String newInstanceId() {
    String jvm = ManagementFactory.getRuntimeMXBean().getName();
    return jvm + "/" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String readVersion() {
    try (InputStream in = ZhenxingServer.class.getResourceAsStream("/zhenxing-version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "0.0.0");
    } catch (IOException e) {
      return "0.0.0";
    }
  }
}
