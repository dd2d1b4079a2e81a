package cn.zhenxing.server.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the configuration in three layers, later ones winning: the defaults shipped in the server jar (copied from
 * the repository's {@code config/}), an optional file named by {@code ZX_CONFIG_FILE}, and environment variables.
 *
 * <p>Environment variables: {@code ZX_HTTP_HOST}, {@code ZX_HTTP_PORT}, {@code ZX_DB_URL}, {@code ZX_DB_POOL_SIZE},
 * {@code ZX_DB_READS_POOL_SIZE}, {@code ZX_DATA_DIR}, {@code ZX_PLUGINS_DIR}, {@code ZX_DEMO_DATA},
 * {@code ZX_JOBS_ENABLED}, {@code ZX_TIME_ZONE}, {@code ZX_BODY_LIMIT}, {@code ZX_ADMIN_PASSWORD}, {@code ZX_DATA_KEY},
 * {@code ZX_METRICS_TOKEN}, {@code ZX_CORS_ORIGINS}. Every value is checked; the first bad one stops start-up with a
 * {@link ConfigException}.
 */
public final class ConfigLoader {

  /** Environment variable → configuration path. */
  private static final Map<String, String> ENV_PATHS = Map.ofEntries(
      Map.entry("ZX_HTTP_HOST", "http.host"),
      Map.entry("ZX_HTTP_PORT", "http.port"),
      Map.entry("ZX_BODY_LIMIT", "http.bodyLimit"),
      Map.entry("ZX_DB_URL", "db.url"),
      Map.entry("ZX_DB_POOL_SIZE", "db.poolSize"),
      Map.entry("ZX_DB_READS_POOL_SIZE", "db.readsPoolSize"),
      Map.entry("ZX_DATA_DIR", "dataDir"),
      Map.entry("ZX_PLUGINS_DIR", "pluginsDir"),
      Map.entry("ZX_DEMO_DATA", "demoData"),
      Map.entry("ZX_JOBS_ENABLED", "jobs.enabled"),
      Map.entry("ZX_TIME_ZONE", "timeZone"),
      Map.entry("ZX_ADMIN_PASSWORD", "security.adminPassword"),
      Map.entry("ZX_DATA_KEY", "security.dataKey"),
      Map.entry("ZX_METRICS_TOKEN", "security.metricsToken"),
      Map.entry("ZX_CORS_ORIGINS", "security.corsOrigins"),
      Map.entry("ZX_SHEETS_MAX_UPLOAD_BYTES", "sheets.maxUploadBytes"));

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigLoader() {
  }

  /** Loads from the shipped defaults, {@code ZX_CONFIG_FILE} and the process environment. */
  public static ServerConfig load(Map<String, String> env) {
    return load(env, new JsonObject());
  }

  /**
   * Loads with {@code overrides} (dotted paths, as in {@code "http.port"}) applied after the environment; used by
   * the testkit.
   */
  public static ServerConfig load(Map<String, String> env, JsonObject overrides) {
    JsonObject tree = readResource("config/zhenxing.yaml");
    String file = env.get("ZX_CONFIG_FILE");
    if (file != null && !file.isBlank()) {
      Path path = Path.of(file);
      if (!Files.isReadable(path)) {
        throw new ConfigException("ZX_CONFIG_FILE names " + path.toAbsolutePath() + ", which cannot be read.");
      }
      deepMerge(tree, readFile(path));
    }
    ENV_PATHS.forEach((name, path) -> {
      String value = env.get(name);
      if (value != null) {
        put(tree, path, value, name);
      }
    });
    overrides.forEach(e -> put(tree, e.getKey(), e.getValue(), e.getKey()));
    JsonObject counties = readResource("config/counties.yaml");
    return validate(tree, counties, env);
  }

  private static ServerConfig validate(JsonObject tree, JsonObject countyTree, Map<String, String> env) {
    Settings s = new Settings(tree, env);
    String host = s.string("http.host", "ZX_HTTP_HOST");
    int port = s.integer("http.port", "ZX_HTTP_PORT", 0, 65535);
    long bodyLimit = s.integer("http.bodyLimit", "ZX_BODY_LIMIT", 1024, Integer.MAX_VALUE);
    Duration grace = Duration.ofSeconds(s.integer("http.shutdownGraceSeconds", null, 0, 3600));
    String url = s.string("db.url", "ZX_DB_URL").trim();
    if (!url.isEmpty() && !url.matches("(?i)postgres(ql)?://.+")) {
      throw new ConfigException(s.name("db.url", "ZX_DB_URL")
          + " must be a postgresql:// URI such as postgresql://zhenxing:secret@db.example:5432/zhenxing, got \""
          + url.replaceAll("://([^:/@]*):[^@/]*@", "://$1:***@") + "\".");
    }
    int poolSize = s.integer("db.poolSize", "ZX_DB_POOL_SIZE", 1, 500);
    int readsPoolSize = s.integer("db.readsPoolSize", "ZX_DB_READS_POOL_SIZE", 1, 500);
    int embeddedPort = s.integer("db.embeddedPort", null, 0, 65535);
    Path dataDir = s.path("dataDir", "ZX_DATA_DIR");
    Path pluginsDir = s.path("pluginsDir", "ZX_PLUGINS_DIR");
    boolean demo = s.bool("demoData", "ZX_DEMO_DATA");
    boolean jobs = s.bool("jobs.enabled", "ZX_JOBS_ENABLED");
    ZoneId zone;
    String zoneName = s.string("timeZone", "ZX_TIME_ZONE");
    try {
      zone = ZoneId.of(zoneName);
    } catch (DateTimeException e) {
      throw new ConfigException(s.name("timeZone", "ZX_TIME_ZONE")
          + " must be a time-zone id such as Asia/Shanghai, got \"" + zoneName + "\".");
    }
    Duration refresh = Duration.ofSeconds(s.integer("metrics.refreshSeconds", null, 1, 86400));
    Set<String> disabled = new LinkedHashSet<>();
    Object disabledValue = s.get("plugins.disabled");
    if (disabledValue instanceof JsonArray array) {
      array.forEach(v -> disabled.add(String.valueOf(v)));
    } else if (disabledValue != null) {
      throw new ConfigException("plugins.disabled must be a list of plugin ids.");
    }
    JsonObject sections = tree.getJsonObject("plugins", new JsonObject()).copy();
    sections.remove("disabled");
    return new ServerConfig(host, port, bodyLimit, grace, url.isEmpty() ? Optional.empty() : Optional.of(url),
        poolSize, readsPoolSize, embeddedPort, dataDir, pluginsDir, demo, zone, jobs, Set.copyOf(disabled), sections,
        refresh, countyPlugins(countyTree), tree.getJsonObject("security", new JsonObject()).copy(),
        s.integer("sheets.maxUploadBytes", "ZX_SHEETS_MAX_UPLOAD_BYTES", 1024, Integer.MAX_VALUE));
  }

  private static Map<String, List<String>> countyPlugins(JsonObject tree) {
    JsonObject counties = tree.getJsonObject("counties");
    if (counties == null) {
      throw new ConfigException("config/counties.yaml must have a 'counties' map from county code to its plugins.");
    }
    Map<String, List<String>> result = new LinkedHashMap<>();
    counties.forEach(e -> {
      if (!e.getKey().matches("\\d{6}")) {
        throw new ConfigException("counties.yaml: \"" + e.getKey() + "\" is not a six-digit GB/T 2260 code.");
      }
      List<String> plugins = new ArrayList<>();
      if (e.getValue() instanceof JsonObject county && county.getValue("plugins") instanceof JsonArray list) {
        list.forEach(p -> plugins.add(String.valueOf(p)));
      } else {
        throw new ConfigException("counties.yaml: county " + e.getKey() + " must have a 'plugins' list.");
      }
      result.put(e.getKey(), List.copyOf(plugins));
    });
    return result;
  }

  private static JsonObject readResource(String name) {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new ConfigException("The server jar lacks its default " + name + "; rebuild it with Maven.");
      }
      return new JsonObject(YAML.readValue(in, Map.class));
    } catch (IOException e) {
      throw new ConfigException("The default " + name + " cannot be read: " + e.getMessage());
    }
  }

  private static JsonObject readFile(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      Object value = YAML.readValue(in, Object.class);
      if (!(value instanceof Map<?, ?> map)) {
        throw new ConfigException("The configuration file " + path + " must hold a YAML mapping.");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) map;
      return new JsonObject(typed);
    } catch (IOException e) {
      throw new ConfigException("The configuration file " + path + " is not valid YAML: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static void deepMerge(JsonObject target, JsonObject source) {
    source.forEach(e -> {
      if (e.getValue() instanceof JsonObject child && target.getValue(e.getKey()) instanceof JsonObject existing) {
        deepMerge(existing, child);
      } else {
        target.put(e.getKey(), e.getValue());
      }
    });
  }

  private static void put(JsonObject tree, String path, Object value, String origin) {
    String[] parts = path.split("\\.");
    JsonObject node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      Object child = node.getValue(parts[i]);
      if (!(child instanceof JsonObject)) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = (JsonObject) child;
    }
    node.put(parts[parts.length - 1], value);
  }

  /** Typed reads that name the offending setting (environment variable if one maps to it) in their error. */
  private record Settings(JsonObject tree, Map<String, String> env) {

    Object get(String path) {
      Object node = tree;
      for (String part : path.split("\\.")) {
        if (!(node instanceof JsonObject object)) {
          return null;
        }
        node = object.getValue(part);
      }
      return node;
    }

    String name(String path, String envName) {
      return envName != null && env.containsKey(envName) ? envName : path;
    }

    String string(String path, String envName) {
      Object value = get(path);
      if (value == null) {
        throw new ConfigException(name(path, envName) + " is missing from the configuration.");
      }
      return String.valueOf(value);
    }

    int integer(String path, String envName, long min, long max) {
      String raw = string(path, envName).trim();
      try {
        long value = Long.parseLong(raw);
        if (value < min || value > max) {
          throw new NumberFormatException();
        }
        return (int) value;
      } catch (NumberFormatException e) {
        throw new ConfigException(name(path, envName) + " must be a whole number from " + min + " to " + max
            + ", got \"" + raw + "\".");
      }
    }

    boolean bool(String path, String envName) {
      String raw = string(path, envName).trim().toLowerCase();
      return switch (raw) {
        case "true", "yes", "on", "1" -> true;
        case "false", "no", "off", "0" -> false;
        default -> throw new ConfigException(name(path, envName) + " must be true or false, got \"" + raw + "\".");
      };
    }

    Path path(String path, String envName) {
      String raw = string(path, envName).trim();
      if (raw.isEmpty()) {
        throw new ConfigException(name(path, envName) + " must name a directory, got an empty value.");
      }
      return Path.of(raw).toAbsolutePath().normalize();
    }
  }
}
