package cn.zhenxing.server.security;

import cn.zhenxing.server.config.ConfigException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code security} section of the configuration, checked once at start-up. Values may arrive as YAML numbers or
 * as strings (environment variables, test overrides); every bad one stops start-up with a {@link ConfigException}
 * naming the setting.
 *
 * @param adminPassword     password of the first {@code admin} account; empty = generate one
 * @param metricsToken      bearer token {@code /metrics} requires; empty = open
 * @param corsOrigins       origins CORS allows; empty = CORS off
 * @param idle              a session unused this long expires
 * @param absolute          a session expires this long after login
 * @param sessionCache      how long a session read from the database may be reused; {@link Duration#ZERO} = never
 * @param maxFailures       failed logins within {@code failureWindow} that lock an account
 * @param failureWindow     the window failures are counted in
 * @param lockDuration      how long a lock lasts
 * @param passwordMaxAge    a password older than this must be changed; {@link Duration#ZERO} = never
 * @param totpRequiredForAdmins whether city and security administrators must use a second factor
 * @param argon2            the cost of new password hashes
 */
public record SecuritySettings(String adminPassword, String metricsToken, List<String> corsOrigins, Duration idle,
    Duration absolute, Duration sessionCache, int maxFailures, Duration failureWindow, Duration lockDuration,
    Duration passwordMaxAge, boolean totpRequiredForAdmins, Passwords.Cost argon2) {

  /** Reads and checks the section. */
  public static SecuritySettings from(JsonObject security) {
    JsonObject s = security == null ? new JsonObject() : security;
    String adminPassword = string(s, "adminPassword", "ZX_ADMIN_PASSWORD");
    String metricsToken = string(s, "metricsToken", "ZX_METRICS_TOKEN").trim();
    if (!metricsToken.isEmpty() && metricsToken.length() < 16) {
      throw new ConfigException("ZX_METRICS_TOKEN (security.metricsToken) must be at least 16 characters long, or "
          + "empty to leave /metrics open.");
    }
    List<String> origins = origins(s.getValue("corsOrigins"));
    Duration idle = Duration.ofMinutes(integer(s, "session.idleMinutes", 30, 1, 24 * 60));
    Duration absolute = Duration.ofHours(integer(s, "session.absoluteHours", 12, 1, 24 * 30));
    if (absolute.compareTo(idle) < 0) {
      throw new ConfigException("security.session.absoluteHours must not be shorter than "
          + "security.session.idleMinutes.");
    }
    Duration cache = Duration.ofSeconds(integer(s, "session.cacheSeconds", 10, 0, 300));
    int maxFailures = integer(s, "lockout.maxFailures", 5, 1, 100);
    Duration window = Duration.ofMinutes(integer(s, "lockout.windowMinutes", 15, 1, 24 * 60));
    Duration lock = Duration.ofMinutes(integer(s, "lockout.lockMinutes", 30, 1, 7 * 24 * 60));
    Duration maxAge = Duration.ofDays(integer(s, "password.maxAgeDays", 0, 0, 3650));
    boolean totpRequired = bool(s, "totp.requiredForAdmins", false);
    Passwords.Cost cost = new Passwords.Cost(
        integer(s, "password.argon2MemoryKiB", Passwords.Cost.PRODUCTION.memoryKiB(), 1024, 4 * 1024 * 1024),
        integer(s, "password.argon2Iterations", Passwords.Cost.PRODUCTION.iterations(), 1, 100),
        integer(s, "password.argon2Parallelism", Passwords.Cost.PRODUCTION.parallelism(), 1, 16));
    return new SecuritySettings(adminPassword, metricsToken, origins, idle, absolute, cache, maxFailures, window, lock,
        maxAge, totpRequired, cost);
  }

  private static Object value(JsonObject root, String path) {
    Object node = root;
    for (String part : path.split("\\.")) {
      if (!(node instanceof JsonObject object)) {
        return null;
      }
      node = object.getValue(part);
    }
    return node;
  }

  private static String string(JsonObject s, String path, String envName) {
    Object value = value(s, path);
    if (value == null) {
      return "";
    }
    if (value instanceof JsonObject || value instanceof JsonArray) {
      throw new ConfigException(envName + " (security." + path + ") must be a single value.");
    }
    return String.valueOf(value);
  }

  private static int integer(JsonObject s, String path, int defaultValue, int min, int max) {
    Object value = value(s, path);
    if (value == null || String.valueOf(value).isBlank()) {
      return defaultValue;
    }
    String raw = String.valueOf(value).trim();
    try {
      long parsed = Long.parseLong(raw);
      if (parsed < min || parsed > max) {
        throw new NumberFormatException();
      }
      return (int) parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException("security." + path + " must be a whole number from " + min + " to " + max
          + ", got \"" + raw + "\".");
    }
  }

  private static boolean bool(JsonObject s, String path, boolean defaultValue) {
    Object value = value(s, path);
    if (value == null || String.valueOf(value).isBlank()) {
      return defaultValue;
    }
    return switch (String.valueOf(value).trim().toLowerCase()) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigException("security." + path + " must be true or false, got \"" + value + "\".");
    };
  }

  private static List<String> origins(Object value) {
    List<String> raw = new ArrayList<>();
    if (value instanceof JsonArray array) {
      array.forEach(v -> raw.add(String.valueOf(v)));
    } else if (value != null) {
      for (String part : String.valueOf(value).split(",")) {
        raw.add(part);
      }
    }
    List<String> origins = new ArrayList<>();
    for (String origin : raw) {
      String trimmed = origin.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!trimmed.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
        throw new ConfigException("ZX_CORS_ORIGINS (security.corsOrigins) must list origins such as "
            + "https://portal.example.cn separated by commas (no paths, no wildcards), got \"" + trimmed + "\".");
      }
      origins.add(trimmed);
    }
    return List.copyOf(origins);
  }
}
