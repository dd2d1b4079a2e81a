package cn.zhenxing.server.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The validated server configuration. Built by {@link ConfigLoader} from {@code config/zhenxing.yaml}, an optional
 * override file and {@code ZX_*} environment variables; every field here has been checked.
 *
 * @param httpHost       address to listen on
 * @param httpPort       port to listen on (0 picks a free port)
 * @param bodyLimitBytes largest request body accepted (413 beyond)
 * @param shutdownGrace  how long in-flight requests may take to finish on SIGTERM
 * @param dbUrl          a {@code postgresql://} URI, or empty for the embedded database
 * @param dbPoolSize     connections in the shared pool
 * @param dbReadsPoolSize connections of the pipelined client for short reads
 * @param embeddedDbPort port of the embedded PostgreSQL (0 picks a free port)
 * @param dataDir        where the embedded database keeps its data
 * @param pluginsDir     where plugin jars are loaded from
 * @param demoData       whether plugins' demo data is applied
 * @param timeZone       the zone cron expressions are evaluated in
 * @param jobsEnabled    whether this process runs scheduled jobs
 * @param disabledPlugins plugin ids not to start at all
 * @param pluginSections each plugin's own configuration, by plugin id
 * @param metricsRefresh how often per-county business gauges are re-read
 * @param counties       plugin ids each county enables on first start, by county code (from counties.yaml)
 * @param security       the {@code security} section, read and checked by the security classes themselves
 * @param sheetsMaxUploadBytes largest spreadsheet file an import accepts (streamed to disk, not held in memory)
 */
public record ServerConfig(
    String httpHost,
    int httpPort,
    long bodyLimitBytes,
    Duration shutdownGrace,
    Optional<String> dbUrl,
    int dbPoolSize,
    int dbReadsPoolSize,
    int embeddedDbPort,
    Path dataDir,
    Path pluginsDir,
    boolean demoData,
    ZoneId timeZone,
    boolean jobsEnabled,
    Set<String> disabledPlugins,
    JsonObject pluginSections,
    Duration metricsRefresh,
    java.util.Map<String, List<String>> counties,
    JsonObject security,
    long sheetsMaxUploadBytes) {

  /** The configuration section of one plugin, never null. */
  public JsonObject pluginSection(String pluginId) {
    JsonObject section = pluginSections.getJsonObject(pluginId);
    return section == null ? new JsonObject() : section.copy();
  }
}
