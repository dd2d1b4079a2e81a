package cn.zhenxing.testkit;

import cn.zhenxing.sdk.ZhenxingPlugin;
import cn.zhenxing.server.ZhenxingServer;
import cn.zhenxing.server.config.ConfigLoader;
import cn.zhenxing.server.config.ServerConfig;
import cn.zhenxing.server.plugin.InProcessPlugin;
import cn.zhenxing.server.time.AdjustableClock;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Boots a real Zhenxing server (real PostgreSQL, real HTTP on a free port) with the plugins a test chooses.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final ZhenxingExtension zx = ZhenxingExtension.builder()
 *     .plugin("monitoring", MonitoringPlugin::new)   // a plugin class on the test class path
 *     .build();
 *
 * &#64;Test void listsHouseholds() {
 *   TestResponse r = zx.http().get("/api/v1/monitoring/counties/140702/households");
 *   assertEquals(200, r.status());
 * }
 * </pre>
 *
 * As a {@code static} field the server lives for the test class; as an instance field, for each test. Every boot
 * gets a fresh database.
 */
public final class ZhenxingExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback {

  /** The first administrator's login name; the testkit sets its password to {@link #ADMIN_PASSWORD}. */
  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "Zx-Jinzhong-Test-2026!";

  private final List<InProcessPlugin> plugins;
  private final Path pluginsDir;
  private final JsonObject overrides;
  private String databaseUri;
  private Path dataDir;
  private ZhenxingServer server;
  private TestHttp http;
  /** The server clock's time of the administrator's last login (the clock moves in tests). */
  private Instant loggedInAt;
  /** Less than the shortest session idle time: a client older than this on the clock logs in again. */
  private static final Duration RELOGIN_AFTER = Duration.ofMinutes(5);
  private boolean perClass;
  private final List<Path> tempDirs = new ArrayList<>();

  private final Duration startTimeout;

  private ZhenxingExtension(Builder builder) {
    this.plugins = List.copyOf(builder.plugins);
    this.pluginsDir = builder.pluginsDir;
    this.overrides = builder.overrides.copy();
    this.startTimeout = builder.startTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    boot();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    shutdown();
    deleteTempDirs();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      boot();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      shutdown();
      deleteTempDirs();
    }
  }

  private void boot() {
    databaseUri = TestDatabases.newDatabase();
    // One data directory per boot, shared by restarts and extra processes, as in production: it holds the key
    // that protects personal data, so values sealed before a restart can still be read after it.
    dataDir = tempDir("zx-data");
    server = startServer();
    http = login(ADMIN, ADMIN_PASSWORD);
  }

  private void shutdown() {
    if (server != null) {
      await(server.stop());
      server = null;
    }
  }

  /** Starts one more server process on the same database (for tests of what several processes do together). */
  public ZhenxingServer startAnother() {
    return startServer();
  }

  /** Stops the server and starts it again on the same database. */
  public void restart() {
    shutdown();
    server = startServer();
    http = login(ADMIN, ADMIN_PASSWORD);
  }

  private ZhenxingServer startServer() {
    JsonObject settings = new JsonObject()
        .put("http.port", "0")
        .put("http.host", "127.0.0.1")
        .put("db.url", databaseUri)
        .put("db.poolSize", "8")
        .put("db.readsPoolSize", "4")
        .put("dataDir", dataDir.toString())
        .put("pluginsDir", (pluginsDir != null ? pluginsDir : dataDir.resolve("no-plugins")).toString())
        .put("http.shutdownGraceSeconds", "5")
        .put("security.adminPassword", ADMIN_PASSWORD)
        // Argon2id at 1 MiB and one pass (~1 ms) instead of production's 19 MiB and two (~30 ms): suites log in often.
        .put("security.password.argon2MemoryKiB", "1024")
        .put("security.password.argon2Iterations", "1");
    settings.mergeIn(overrides);
    ServerConfig config = ConfigLoader.load(Map.of(), settings);
    ZhenxingServer started = new ZhenxingServer(config, plugins);
    try {
      return await(started.start().toCompletionStage().toCompletableFuture(), startTimeout);
    } catch (RuntimeException e) {
      await(started.stop());
      throw e;
    }
  }

  public ZhenxingServer server() {
    return server;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /**
   * An HTTP client for the running server, logged in as {@value #ADMIN}, the city administrator. After a test moved
   * {@link #clock()} on (which expires sessions, as real time would), it logs in again, so suites need not.
   */
  public TestHttp http() {
    if (loggedInAt != null && Duration.between(loggedInAt, clock().instant()).abs().compareTo(RELOGIN_AFTER) > 0) {
      http = login(ADMIN, ADMIN_PASSWORD);
    }
    return http;
  }

  /** An HTTP client without a session. */
  public TestHttp anonymous() {
    return new TestHttp(baseUrl());
  }

  /**
   * Logs in and answers a client carrying the session token.
   *
   * @throws AssertionError when the login is refused
   */
  public TestHttp login(String username, String password) {
    if (ADMIN.equals(username)) {
      loggedInAt = clock().instant();
    }
    TestHttp anonymous = new TestHttp(baseUrl());
    TestResponse answer = anonymous.post("/api/v1/auth/login",
        new JsonObject().put("username", username).put("password", password));
    if (answer.status() != 200) {
      throw new AssertionError("login of " + username + " refused: " + answer);
    }
    return anonymous.withHeader("Authorization", "Bearer " + answer.json().getString("token"));
  }

  /**
   * Creates an account through the API (as the administrator), performs its forced first password change, and
   * answers a client logged in as it.
   *
   * @param county  the account's county code, or {@code 140700} for a city account
   * @param roles   e.g. {@code "county_staff"}
   * @param plugins the plugins granted to county staff (ignored for other roles)
   */
  public TestHttp createUser(String username, String county, List<String> roles, List<String> plugins) {
    String initial = "Init-" + Integer.toHexString(username.hashCode()) + "-Pw1!";
    TestResponse created = http.post("/api/v1/users", new JsonObject().put("username", username)
        .put("displayName", username).put("county", county).put("roles", new io.vertx.core.json.JsonArray(roles))
        .put("plugins", new io.vertx.core.json.JsonArray(plugins)).put("password", initial));
    if (created.status() != 201) {
      throw new AssertionError("could not create user " + username + ": " + created);
    }
    TestHttp first = login(username, initial);
    TestResponse changed = first.post("/api/v1/auth/password", new JsonObject().put("currentPassword", initial)
        .put("newPassword", passwordOf(username)));
    if (changed.status() != 204) {
      throw new AssertionError("could not change the first password of " + username + ": " + changed);
    }
    return login(username, passwordOf(username));
  }

  /**
   * Switches a plugin on or off for each county, as the city administrator does (through the API, so the change is
   * audited and every process sees it); fails unless each county answers 200.
   */
  public void setPluginEnabled(String plugin, boolean enabled, String... counties) {
    for (String county : counties) {
      TestResponse r = http.put("/api/v1/counties/" + county + "/plugins/" + plugin,
          new JsonObject().put("enabled", enabled));
      if (r.status() != 200) {
        throw new AssertionError("could not " + (enabled ? "enable " : "disable ") + plugin + " for " + county
            + ": " + r);
      }
    }
  }

  /** The password {@link #createUser} gives an account after its first change. */
  public static String passwordOf(String username) {
    return "Zx-" + Integer.toHexString(username.hashCode() * 31 + 7) + "-2026!";
  }

  /** The server's clock; move it to make jobs due or time pass. */
  public AdjustableClock clock() {
    return server.clock();
  }

  /** The server's pool, for checking what reached the database. */
  public Pool pool() {
    return server.pool();
  }

  /** Runs a query against the server's database and waits for the rows. */
  public RowSet<Row> sql(String sql, Object... params) {
    return await(server.pool().preparedQuery(sql).execute(Tuple.from(params)).toCompletionStage()
        .toCompletableFuture());
  }

  /** The {@code postgresql://} URI of this test's database. */
  public String databaseUri() {
    return databaseUri;
  }

  private Path tempDir(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      tempDirs.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void deleteTempDirs() {
    for (Path dir : tempDirs) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // best effort: a temp directory left behind harms nothing
      }
    }
    tempDirs.clear();
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
    return await(future, Duration.ofMinutes(3));
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> future, Duration timeout) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Chooses the plugins and settings of the server. */
  public static final class Builder {
    private final List<InProcessPlugin> plugins = new ArrayList<>();
    private Path pluginsDir;
    private final JsonObject overrides = new JsonObject();
    private Duration startTimeout = Duration.ofMinutes(3);

    /** A plugin whose classes are on the test class path, run through the full plugin lifecycle. */
    public Builder plugin(String id, Supplier<? extends ZhenxingPlugin> factory) {
      plugins.add(new InProcessPlugin(id, "test", factory));
      return this;
    }

    /** A directory of plugin jars, loaded by PF4J exactly as in production. */
    public Builder pluginsDir(Path dir) {
      this.pluginsDir = dir;
      return this;
    }

    /** A configuration setting by its dotted path, e.g. {@code config("demoData", "true")}. */
    public Builder config(String path, Object value) {
      overrides.put(path, String.valueOf(value));
      return this;
    }

    /** How long the server may take to start (default 3 minutes): a benchmark's demo population takes longer. */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    public ZhenxingExtension build() {
      return new ZhenxingExtension(this);
    }
  }
}
