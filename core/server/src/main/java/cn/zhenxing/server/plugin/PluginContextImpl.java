package cn.zhenxing.server.plugin;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditLog;
import cn.zhenxing.sdk.personal.PersonalData;
import cn.zhenxing.sdk.security.Permissions;
import cn.zhenxing.sdk.sheet.SheetExport;
import cn.zhenxing.sdk.sheet.SheetMerge;
import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.sdk.sheet.Sheets;
import cn.zhenxing.server.sheet.SheetService;
import cn.zhenxing.server.security.PluginPermissions;
import cn.zhenxing.sdk.county.CountyRegistry;
import cn.zhenxing.sdk.data.DataStep;
import cn.zhenxing.sdk.event.Events;
import cn.zhenxing.sdk.notify.Notifications;
import cn.zhenxing.server.event.PluginEvents;
import cn.zhenxing.sdk.http.HttpRoutes;
import cn.zhenxing.sdk.job.Job;
import cn.zhenxing.sdk.job.JobSpec;
import cn.zhenxing.sdk.job.Jobs;
import cn.zhenxing.sdk.metrics.PluginMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One plugin's context. During {@code register} it only collects what the plugin declares; the
 * {@link PluginHost} then acts on it (migrations, data, routes, jobs) in a fixed order.
 */
final class PluginContextImpl implements PluginContext, HttpRoutes, Jobs, Sheets {

  record ScheduledJob(JobSpec spec, Job job) {
  }

  private final String pluginId;
  private final String version;
  private final Vertx vertx;
  private final Pool pool;
  private final SqlClient reads;
  private final Clock clock;
  private final CountyRegistry counties;
  private final JsonObject config;
  private final PluginMetrics metrics;
  private final Permissions permissions;
  private final AuditLog audit;
  private final PersonalData personalData;
  final PluginEvents events;
  private final Notifications notifications;
  private final PlatformServices services;
  private final ZoneId zone;

  final Router countyRouter;
  final Router cityRouter;
  final List<ScheduledJob> jobs = new ArrayList<>();
  final List<DataStep> seedSteps = new ArrayList<>();
  final List<DataStep> demoSteps = new ArrayList<>();
  final List<SheetService.Registration> sheets = new ArrayList<>();
  String openApiResource;
  String migrationsLocation;

  PluginContextImpl(String pluginId, String version, Vertx vertx, Pool pool, SqlClient reads, Clock clock,
      ZoneId zone, CountyRegistry counties, JsonObject config, PluginMetrics metrics, PlatformServices services) {
    this.zone = zone;
    this.pluginId = pluginId;
    this.version = version;
    this.vertx = vertx;
    this.pool = pool;
    this.reads = reads;
    this.clock = clock;
    this.counties = counties;
    this.config = config;
    this.metrics = metrics;
    this.permissions = new PluginPermissions(pluginId, services.permissions(), services.denials());
    this.audit = services.audit().forPlugin(pluginId);
    this.personalData = services.personalData();
    this.events = services.events().forPlugin(pluginId);
    this.notifications = services.notifications().forPlugin(pluginId);
    this.services = services;
    this.countyRouter = Router.router(vertx);
    this.cityRouter = Router.router(vertx);
    this.migrationsLocation = "db/" + pluginId;
  }

  @Override
  public String pluginId() {
    return pluginId;
  }

  @Override
  public String pluginVersion() {
    return version;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public Pool pool() {
    return pool;
  }

  @Override
  public SqlClient reads() {
    return reads;
  }

  @Override
  public String schema() {
    return schemaOf(pluginId);
  }

  static String schemaOf(String pluginId) {
    return pluginId.replace('-', '_');
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public CountyRegistry counties() {
    return counties;
  }

  @Override
  public JsonObject config() {
    return config.copy();
  }

  @Override
  public HttpRoutes http() {
    return this;
  }

  @Override
  public Jobs jobs() {
    return this;
  }

  @Override
  public Permissions permissions() {
    return permissions;
  }

  @Override
  public AuditLog audit() {
    return audit;
  }

  @Override
  public PersonalData personalData() {
    return personalData;
  }

  @Override
  public Events events() {
    return events;
  }

  @Override
  public Sheets sheets() {
    return this;
  }

  @Override
  public ZoneId zone() {
    return zone;
  }

  @Override
  public void constraint(String name, String field, String reason) {
    services.constraints().declare(schema(), name, field, reason);
  }

  @Override
  public Notifications notifications() {
    return notifications;
  }

  @Override
  public void register(SheetSpec spec, SheetMerge merge, SheetExport export) {
    Objects.requireNonNull(spec, "spec").validate();
    Objects.requireNonNull(merge, "merge");
    if (sheets.stream().anyMatch(s -> s.spec().name().equals(spec.name()))) {
      throw new IllegalArgumentException("register " + spec.name() + " is declared twice");
    }
    sheets.add(new SheetService.Registration(spec, merge, export));
  }

  @Override
  public PluginMetrics metrics() {
    return metrics;
  }

  @Override
  public void seedData(DataStep step) {
    seedSteps.add(Objects.requireNonNull(step, "step"));
  }

  @Override
  public void demoData(DataStep step) {
    demoSteps.add(Objects.requireNonNull(step, "step"));
  }

  @Override
  public void migrationsAt(String classpathLocation) {
    if (classpathLocation == null || classpathLocation.isBlank() || classpathLocation.equals("db/migration")) {
      throw new IllegalArgumentException("migrations need a location unique to the plugin, such as db/" + pluginId);
    }
    this.migrationsLocation = classpathLocation.replaceFirst("^classpath:", "");
  }

  @Override
  public Router county() {
    return countyRouter;
  }

  @Override
  public Router city() {
    return cityRouter;
  }

  @Override
  public void openApi(String classpathResource) {
    this.openApiResource = Objects.requireNonNull(classpathResource, "classpathResource");
  }

  @Override
  public void schedule(JobSpec spec, Job job) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(job, "job");
    if (jobs.stream().anyMatch(j -> j.spec().name().equals(spec.name()))) {
      throw new IllegalArgumentException("job " + spec.name() + " is declared twice");
    }
    jobs.add(new ScheduledJob(spec, job));
  }
}
