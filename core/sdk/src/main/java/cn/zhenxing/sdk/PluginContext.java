package cn.zhenxing.sdk;

import cn.zhenxing.sdk.audit.AuditLog;
import cn.zhenxing.sdk.county.CountyRegistry;
import cn.zhenxing.sdk.data.DataStep;
import cn.zhenxing.sdk.event.Events;
import cn.zhenxing.sdk.http.HttpRoutes;
import cn.zhenxing.sdk.job.Jobs;
import cn.zhenxing.sdk.metrics.PluginMetrics;
import cn.zhenxing.sdk.notify.Notifications;
import cn.zhenxing.sdk.personal.PersonalData;
import cn.zhenxing.sdk.security.Permissions;
import cn.zhenxing.sdk.sheet.Sheets;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.ZoneId;

/**
 * Everything the platform offers one plugin. The host creates one context per plugin; it is the plugin's only
 * door to the platform.
 */
public interface PluginContext {

  /** The plugin id from its manifest ({@code Plugin-Id}); also its database schema and URL prefix. */
  String pluginId();

  /** The plugin's version from its manifest. */
  String pluginVersion();

  Vertx vertx();

  /**
   * The shared PostgreSQL pool. The plugin owns the schema named {@link #schema()}; write table names
   * schema-qualified ({@code monitoring.household}). Use {@code pool().withTransaction(...)} for every write, so a
   * request is all-or-nothing.
   */
  Pool pool();

  /**
   * A client for short reads of one statement each, such as a record by its key: its connections carry several
   * statements at once, pipelined, which costs PostgreSQL far less per statement than the pool's one statement per
   * connection round trip (the household GET went from ~7,000 to ~12,000 requests/s on 2 cores). Never for writes or
   * transactions (it has none), nor for long queries such as reports or large pages: a long statement holds up the
   * others queued behind it on its connection. Use {@link #pool()} for those.
   */
  SqlClient reads();

  /** The database schema this plugin owns: its id with {@code -} replaced by {@code _}. */
  String schema();

  /** The platform clock. Always use it instead of {@code Instant.now()}: tests move it. */
  Clock clock();

  /**
   * The platform's time zone ({@code timeZone} of the configuration, {@code Asia/Shanghai} by default): the zone
   * cron schedules are read in and "today" means for the city. {@code LocalDate.now(ctx.clock().withZone(ctx.zone()))}.
   */
  ZoneId zone();

  /** The counties of the city and which of them enable which plugin (changes at run time). */
  CountyRegistry counties();

  /**
   * The plugin's configuration section ({@code plugins.<id>} of the configuration), never null. A copy: changing it
   * changes nothing.
   */
  JsonObject config();

  /** Where the plugin declares its HTTP routes and OpenAPI document. */
  HttpRoutes http();

  /** Where the plugin declares its scheduled jobs. */
  Jobs jobs();

  /** The plugin's permissions: declare fine-grained ones and require them on routes. */
  Permissions permissions();

  /** The audit log: record every business write in the same transaction as the change. */
  AuditLog audit();

  /** ID-card and phone numbers: validation, encryption at rest, blind index, masking, audited reveal. */
  PersonalData personalData();

  /**
   * Durable events between plugins: publish in your transaction, subscribe to other plugins' event types; each
   * subscriber handles each event exactly once (see {@link Events} and {@code EventTypes}).
   */
  Events events();

  /**
   * Notifications to the people responsible for a county or the city: kept in their in-app inbox and handed to
   * delivery channels (see {@link Notifications}).
   */
  Notifications notifications();

  /** Spreadsheet (xlsx/CSV) templates and bulk imports of the plugin's registers, declared once per register. */
  Sheets sheets();

  /** The plugin's Prometheus metrics, named {@code zx_<plugin>_<name>} and labelled by county. */
  PluginMetrics metrics();

  /**
   * Reference data that every installation needs (e.g. the six labour brands). Runs in one transaction after the
   * migrations at every start, so it must be idempotent ({@code INSERT ... ON CONFLICT DO NOTHING}).
   */
  void seedData(DataStep step);

  /**
   * Demonstration data, applied once per database when the server runs with demo data on
   * ({@code ZX_DEMO_DATA=true}), in one transaction after the seed data.
   */
  void demoData(DataStep step);

  /**
   * Where the plugin's Flyway migrations live inside its jar. Defaults to {@code db/<plugin-id>}; must be unique to
   * the plugin, because a plugin's class loader also sees the host's resources.
   */
  void migrationsAt(String classpathLocation);
}
