package cn.zhenxing.testkit.security;

import static cn.zhenxing.testkit.security.Sec.body;
import static cn.zhenxing.testkit.security.Sec.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.server.ZhenxingServer;
import cn.zhenxing.testkit.Eventually;
import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: two server processes share one database and each keeps the sessions it read for a while (here 5 minutes,
 * so that only the change notifications can explain what the tests see). Whatever ends or changes a session — a
 * request to either process, or a statement an operator types into psql — the next request to the process that made
 * it sees the change, and the other process sees it as soon as PostgreSQL's notification arrives; also after the
 * listening connection was cut and came back.
 */
class SessionCacheTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .config("security.session.cacheSeconds", "300")
      .build();

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static ZhenxingServer other;

  @BeforeAll
  static void startSecondProcess() {
    other = zx.startAnother();
  }

  @AfterAll
  static void stopSecondProcess() throws Exception {
    if (other != null) {
      other.stop().get(60, TimeUnit.SECONDS);
    }
  }

  /** One session of the user, as a client of each process. */
  private record Both(TestHttp here, TestHttp there) {
  }

  /** A new county staff account, logged in once, its session answered from the cache of both processes. */
  private static Both warmSessionOf(String username) {
    zx.createUser(username, "140702", List.of("county_staff"), List.of());
    Both s = session(username);
    warm(s);
    return s;
  }

  private static Both session(String username) {
    TestResponse login = Sec.attempt(zx, username, ZhenxingExtension.passwordOf(username));
    assertEquals(200, login.status(), login::toString);
    String bearer = "Bearer " + login.json().getString("token");
    return new Both(zx.anonymous().withHeader("Authorization", bearer),
        new TestHttp("http://127.0.0.1:" + other.port()).withHeader("Authorization", bearer));
  }

  /** Uses the session on both processes until each answers from its cache. */
  private static void warm(Both s) {
    for (TestHttp client : List.of(s.here(), s.there())) {
      Eventually.poll(WAIT, "the cache of " + client.baseUrl() + " in use", () -> listening(client), v -> v == 1.0);
      double before = hits(client);
      assertEquals(200, client.get("/api/v1/auth/me").status());
      assertEquals(200, client.get("/api/v1/auth/me").status());
      assertTrue(hits(client) > before, "the second request was answered from the cache of " + client.baseUrl());
    }
  }

  @Test
  void anAccountDisabledByHandInTheDatabaseIsRefusedByBothProcesses() {
    Both s = warmSessionOf("cache-typed");
    zx.sql("UPDATE core.account SET disabled = true WHERE username = 'cache-typed'");
    assertTrue(problem(401, eventually(401, () -> s.here().get("/api/v1/auth/me"))).getString("detail")
        .contains("disabled"));
    problem(401, eventually(401, () -> s.there().get("/api/v1/auth/me")));
  }

  @Test
  void aSessionRevokedByHandEndsOnBothProcesses() {
    Both s = warmSessionOf("cache-revoked");
    zx.sql("UPDATE core.session SET revoked_at = now() WHERE account_id = "
        + "(SELECT id FROM core.account WHERE username = 'cache-revoked')");
    problem(401, eventually(401, () -> s.here().get("/api/v1/auth/me")));
    problem(401, eventually(401, () -> s.there().get("/api/v1/auth/me")));
  }

  @Test
  void aLogoutEndsTheSessionAtOnceOnItsProcessAndSoonOnTheOther() {
    Both s = warmSessionOf("cache-logout");
    assertEquals(204, s.here().post("/api/v1/auth/logout", null).status());
    problem(401, s.here().get("/api/v1/auth/me")); // no waiting: the process that logged out forgot it itself
    problem(401, eventually(401, () -> s.there().get("/api/v1/auth/me")));
  }

  @Test
  void aRoleChangedOnOneProcessGivesItsPermissionsOnBoth() {
    Both s = warmSessionOf("cache-roles");
    assertEquals(403, s.here().get("/api/v1/users").status(), "county staff do not manage users");
    long id = zx.sql("SELECT id FROM core.account WHERE username = 'cache-roles'").iterator().next().getLong(0);
    TestResponse changed = zx.http().send("PATCH", "/api/v1/users/" + id,
        body("roles", new JsonArray().add("county_admin")).encode());
    assertEquals(200, changed.status(), changed::toString);
    assertEquals(200, s.here().get("/api/v1/users").status(), "the new role applies on the next request");
    eventually(200, () -> s.there().get("/api/v1/users"));
  }

  @Test
  void afterTheListeningConnectionIsCutAndBack_changesAreStillHeard() {
    Both s = warmSessionOf("cache-cut");
    String listeners = "SELECT pid FROM pg_stat_activity WHERE application_name = 'zhenxing-session-listener'";
    List<Integer> cut = new ArrayList<>();
    zx.sql(listeners).forEach(row -> cut.add(row.getInteger(0)));
    assertEquals(2, cut.size(), "each process listens on a connection of its own");
    zx.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY($1)",
        (Object) cut.toArray(Integer[]::new));
    // Both processes connect again (new backends) …
    Eventually.poll(WAIT, "both listeners back", () -> {
      List<Integer> back = new ArrayList<>();
      zx.sql(listeners).forEach(row -> back.add(row.getInteger(0)));
      back.removeAll(cut);
      return back;
    }, back -> back.size() == 2);
    warm(s); // … and use the cache again once they hear their probes
    zx.sql("UPDATE core.account SET disabled = true WHERE username = 'cache-cut'");
    problem(401, eventually(401, () -> s.here().get("/api/v1/auth/me")));
    problem(401, eventually(401, () -> s.there().get("/api/v1/auth/me")));
  }

  // -------------------------------------------------------------------------------------------------- helpers

  /** Repeats the request until it answers {@code status} (a notification has arrived), within {@link #WAIT}. */
  private static TestResponse eventually(int status, Supplier<TestResponse> request) {
    return Eventually.poll(WAIT, "an answer " + status, request, r -> r.status() == status);
  }

  private static double hits(TestHttp client) {
    return metric(client, "zx_session_cache_lookups_total\\{result=\"hit\",?}");
  }

  private static double listening(TestHttp client) {
    return metric(client, "zx_session_cache_listening");
  }

  private static double metric(TestHttp client, String sample) {
    String text = new TestHttp(client.baseUrl()).get("/metrics").body();
    Matcher m = Pattern.compile("(?m)^" + sample + " (\\S+)$").matcher(text);
    assertTrue(m.find(), () -> sample + " not in /metrics of " + client.baseUrl());
    return Double.parseDouble(m.group(1));
  }
}
