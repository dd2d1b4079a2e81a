package cn.zhenxing.testkit.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.server.ZhenxingServer;
import cn.zhenxing.server.config.ConfigLoader;
import cn.zhenxing.server.config.ServerConfig;
import cn.zhenxing.testkit.TestDatabases;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Story: an operator starts the platform for the first time. There is no default password: without
 * {@code ZX_ADMIN_PASSWORD} the server prints a generated one once, which must be changed at first login; a
 * configured one must meet the password policy.
 */
class BootstrapTest {

  private static final Pattern PRINTED = Pattern.compile("account admin is (\\S+) and must be changed");
  private final HttpClient client = HttpClient.newHttpClient();

  private static ServerConfig config(String databaseUri, Path dataDir, Map<String, String> env) {
    return ConfigLoader.load(env, new JsonObject()
        .put("db.url", databaseUri)
        .put("dataDir", dataDir.toString())
        .put("pluginsDir", dataDir.resolve("no-plugins").toString())
        .put("http.host", "127.0.0.1")
        .put("http.port", "0")
        .put("http.shutdownGraceSeconds", "1"));
  }

  private static ZhenxingServer start(ServerConfig config) throws Exception {
    ZhenxingServer server = new ZhenxingServer(config, List.of());
    try {
      return server.start().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      server.stop().get(1, TimeUnit.MINUTES);
      throw e;
    }
  }

  private HttpResponse<String> send(ZhenxingServer server, String method, String path, String token,
      JsonObject body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Starts a server while capturing what it prints on the console. */
  private static String startCapturing(ServerConfig config, ZhenxingServer[] started) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      started[0] = start(config);
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void withoutAConfiguredPasswordAGeneratedOneIsPrintedOnce_andMustBeChangedAtFirstLogin(@TempDir Path dataDir)
      throws Exception {
    String database = TestDatabases.newDatabase();
    ServerConfig config = config(database, dataDir, Map.of());
    assertEquals("", config.security().getString("adminPassword"));
    ZhenxingServer[] server = new ZhenxingServer[1];
    String console = startCapturing(config, server);
    try {
      Matcher printed = PRINTED.matcher(console);
      assertTrue(printed.find(), "the generated password is printed: " + console.lines()
          .filter(l -> l.contains("admin")).toList());
      String password = printed.group(1);
      assertTrue(password.length() >= 16, "a strong password");
      assertEquals(1, console.lines().filter(l -> l.contains(password)).count(), "printed on one line, once");

      HttpResponse<String> login = send(server[0], "POST", "/api/v1/auth/login", null,
          new JsonObject().put("username", "admin").put("password", password));
      assertEquals(200, login.statusCode(), login.body());
      JsonObject session = new JsonObject(login.body());
      assertTrue(session.getBoolean("mustChangePassword"));
      String token = session.getString("token");
      assertEquals(403, send(server[0], "GET", "/api/v1/counties", token, null).statusCode());
      assertEquals(204, send(server[0], "POST", "/api/v1/auth/password", token, new JsonObject()
          .put("currentPassword", password).put("newPassword", "Operator-Chosen-2026")).statusCode());
      assertEquals(200, send(server[0], "GET", "/api/v1/counties", token, null).statusCode());
    } finally {
      server[0].stop().get(1, TimeUnit.MINUTES);
    }

    // A second start on the same database creates nothing and prints nothing.
    String again = startCapturing(config, server);
    try {
      assertFalse(PRINTED.matcher(again).find(), "printed once only");
      HttpResponse<String> login = send(server[0], "POST", "/api/v1/auth/login", null,
          new JsonObject().put("username", "admin").put("password", "Operator-Chosen-2026"));
      assertEquals(200, login.statusCode(), login.body());
    } finally {
      server[0].stop().get(1, TimeUnit.MINUTES);
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aConfiguredPasswordMustMeetThePolicy_andNeedsNoChange(@TempDir Path dataDir) throws Exception {
    String database = TestDatabases.newDatabase();
    Exception refused = assertThrows(Exception.class,
        () -> start(config(database, dataDir, Map.of("ZX_ADMIN_PASSWORD", "admin123"))));
    Throwable cause = refused;
    while (cause.getCause() != null && !cause.getMessage().contains("ZX_ADMIN_PASSWORD")) {
      cause = cause.getCause();
    }
    assertTrue(cause.getMessage().contains("ZX_ADMIN_PASSWORD"), refused::toString);
    assertFalse(cause.getMessage().contains("admin123"), "the password itself is never repeated");

    ZhenxingServer server = start(config(database, dataDir, Map.of("ZX_ADMIN_PASSWORD", "Jinzhong-Ops-2026")));
    try {
      HttpResponse<String> login = send(server, "POST", "/api/v1/auth/login", null,
          new JsonObject().put("username", "admin").put("password", "Jinzhong-Ops-2026"));
      assertEquals(200, login.statusCode(), login.body());
      JsonObject body = new JsonObject(login.body());
      assertFalse(body.getBoolean("mustChangePassword"));
      assertNotNull(body.getString("token"));
      String hash = server.pool().query("SELECT password_hash FROM core.account WHERE username = 'admin'").execute()
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).iterator().next().getString(0);
      assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), "production cost by default: " + hash);
    } finally {
      server.stop().get(1, TimeUnit.MINUTES);
    }
  }
}
