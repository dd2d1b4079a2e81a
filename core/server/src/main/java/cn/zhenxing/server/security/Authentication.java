package cn.zhenxing.server.security;

import cn.zhenxing.server.personal.DataKeys;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.security.Principal;
import cn.zhenxing.server.audit.AuditRecord;
import cn.zhenxing.server.audit.AuditWriter;
import cn.zhenxing.server.config.ConfigException;
import cn.zhenxing.server.county.Counties;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts, sessions, login and user management: the security module's entry point for the server.
 *
 * <ul>
 *   <li>{@link #bootstrap()} creates the first administrator ({@code admin}, city administrator) when there is no
 *       account: with {@code ZX_ADMIN_PASSWORD} (checked against the policy at construction; no forced change), or
 *       with a generated password printed once on the console, which must be changed at first login;</li>
 *   <li>{@link #handler()} runs on every {@code /api/v1/*} request: the bearer token's session becomes the request's
 *       {@link Principal}, with permissions expanded from the account's current roles, or the request ends in 401
 *       ({@code WWW-Authenticate: Bearer}); only {@code POST /api/v1/auth/login} passes without one. A session
 *       whose password must change (or that must first set up a required second factor) may only do that;</li>
 *   <li>{@link #mount(Router)} adds {@code /auth/*}, {@code /users/*} and {@code /roles};</li>
 *   <li>{@link #mountEdge(Router)} adds what every response needs: security headers, CORS (only when origins are
 *       configured) and the scrape-token guard of {@code /metrics}.</li>
 * </ul>
 */
public final class Authentication {

  private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);
  private static final String API = "/api/v1";
  private static final String LOGIN = API + "/auth/login";
  private static final String AUTH_ROUTES = API + "/auth/";
  private static final String USERS_ROUTES = API + "/users";
  private static final long PRUNE_INTERVAL_MS = 3_600_000;
  /** What a session that must change its password may still do. */
  private static final Set<String> PASSWORD_CHANGE_ALLOWED = Set.of("POST " + API + "/auth/password",
      "POST " + API + "/auth/logout", "GET " + API + "/auth/me");
  /** What a session that must set up its second factor may still do. */
  private static final Set<String> TOTP_SETUP_ALLOWED = Set.of("POST " + API + "/auth/password",
      "POST " + API + "/auth/logout", "GET " + API + "/auth/me", "POST " + API + "/auth/totp/setup",
      "POST " + API + "/auth/totp/enable");

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final PermissionRegistry registry;
  private final SecuritySettings settings;
  private final SecureRandom random = new SecureRandom();
  private final Passwords passwords;
  private final Sessions sessions;
  private final Audits audits;
  private final AuthApi authApi;
  private final UsersApi usersApi;
  private final MetricsAccess metricsAccess;
  private volatile SecretBox box;
  private final DataKeys dataKeys;

  /**
   * Reads and checks the {@code security} section.
   *
   * @throws ConfigException when a setting is invalid, including an {@code adminPassword} that breaks the policy
   */
  public Authentication(Vertx vertx, Pool pool, PgConnectOptions database, MeterRegistry registry, Clock clock,
      JsonObject security, DataKeys dataKeys, PermissionRegistry permissions, AuditWriter audit, Counties counties) {
    this.dataKeys = dataKeys;
    this.vertx = vertx;
    this.pool = pool;
    this.clock = clock;
    this.registry = permissions;
    this.settings = SecuritySettings.from(security);
    if (!settings.adminPassword().isEmpty()) {
      PasswordPolicy.violation("admin", settings.adminPassword()).ifPresent(reason -> {
        throw new ConfigException("ZX_ADMIN_PASSWORD (security.adminPassword) does not meet the password policy: "
            + reason + ".");
      });
    }
    this.passwords = new Passwords(vertx, settings.argon2(), random);
    SessionCache cache = new SessionCache(vertx, pool, () -> database, settings.sessionCache());
    cache.bindMetrics(registry);
    this.sessions = new Sessions(pool, random, settings.idle(), settings.absolute(), cache);
    this.audits = new Audits(audit, clock);
    AccessDenials denials = new AccessDenials(pool, audit, clock);
    this.authApi = new AuthApi(pool, clock, settings, passwords, sessions, this::box, audits, random);
    this.usersApi = new UsersApi(pool, clock, counties, permissions, passwords, sessions, audits, denials);
    this.metricsAccess = new MetricsAccess(settings.metricsToken());
    if (settings.argon2().memoryKiB() < Passwords.Cost.PRODUCTION.memoryKiB()
        || settings.argon2().iterations() < Passwords.Cost.PRODUCTION.iterations()) {
      LOG.warn("Password hashing is cheaper than recommended ({}): fine for tests, not for production",
          settings.argon2());
    }
  }

  private SecretBox box() {
    SecretBox current = box;
    if (current == null) {
      throw new IllegalStateException("bootstrap() has not run");
    }
    return current;
  }

  /** Creates the first administrator when there is no account yet; loads the TOTP key. */
  public Future<Void> bootstrap() {
    return vertx.executeBlocking(() -> {
          box = SecretBox.from(dataKeys, random);
          passwords.prepareDummy();
          return null;
        })
        .compose(v -> pool.query("SELECT EXISTS (SELECT 1 FROM core.account) AS any").execute())
        .compose(rows -> rows.iterator().next().getBoolean("any") ? Future.succeededFuture() : createAdmin())
        .onSuccess(v -> {
          vertx.setPeriodic(PRUNE_INTERVAL_MS, id -> prune());
          sessions.cache().start();
        });
  }

  /** Stops listening for session changes (before the database goes away). */
  public Future<Void> stop() {
    return sessions.cache().stop();
  }

  /**
   * Removes ended sessions and failures outside the counting window. Logins tidy their own account's rows; this
   * catches accounts that never log in again. Vert.x cancels the timer when it closes.
   */
  private void prune() {
    Instant now = clock.instant();
    pool.preparedQuery("DELETE FROM core.session WHERE revoked_at IS NOT NULL OR expires_at <= $1 "
            + "OR last_seen_at <= $2")
        .execute(Tuple.of(Sessions.utc(now), Sessions.utc(now.minus(settings.idle()))))
        .compose(v -> pool.preparedQuery("DELETE FROM core.login_failure WHERE failed_at <= $1")
            .execute(Tuple.of(Sessions.utc(now.minus(settings.failureWindow())))))
        .onFailure(e -> LOG.warn("Could not prune ended sessions: {}", e.getMessage()));
  }

  private Future<Void> createAdmin() {
    boolean generated = settings.adminPassword().isEmpty();
    String password = generated ? generatePassword(random) : settings.adminPassword();
    return passwords.hash(password)
        .compose(hash -> pool.withTransaction(conn -> {
          Instant now = clock.instant();
          return conn.preparedQuery("INSERT INTO core.account (username, display_name, county_code, roles, "
                  + "password_hash, password_changed_at, must_change_password, created_at, updated_at) "
                  + "SELECT 'admin', '市级系统管理员 / City administrator', $1, ARRAY['city_admin'], $2, $3, $4, $3, $3 "
                  + "WHERE NOT EXISTS (SELECT 1 FROM core.account) ON CONFLICT (username) DO NOTHING RETURNING id")
              .execute(Tuple.of(County.CITY_CODE, hash, Sessions.utc(now), generated))
              .compose(rows -> {
                if (rows.size() == 0) {
                  return Future.succeededFuture(false); // another process created it first
                }
                long id = rows.iterator().next().getLong("id");
                return audits.self(conn, null, id, "admin", County.CITY_CODE, "create", AuditRecord.SUCCESS,
                        new JsonObject().put("bootstrap", true).put("generatedPassword", generated))
                    .map(true);
              });
        }))
        .onSuccess(created -> {
          if (!created) {
            return;
          }
          LOG.info("Created the first administrator account 'admin' (city administrator)");
          if (generated) {
            // The one place a password is ever shown: on the console, once, to the operator starting the service.
            System.out.println("振兴平台首次启动：管理员账号 admin 的初始密码为 " + password
                + " ，首次登录后必须修改 / First start: the initial password of account admin is " + password
                + " and must be changed at first login");
          }
        })
        .mapEmpty();
  }

  /** A password of 20 characters from all four classes, meeting the policy. */
  static String generatePassword(SecureRandom random) {
    String[] classes = {"abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "-_!@#%+=."};
    String all = String.join("", classes);
    while (true) {
      List<Character> chars = new ArrayList<>();
      for (String c : classes) {
        chars.add(c.charAt(random.nextInt(c.length())));
      }
      while (chars.size() < 20) {
        chars.add(all.charAt(random.nextInt(all.length())));
      }
      Collections.shuffle(chars, random);
      StringBuilder out = new StringBuilder();
      chars.forEach(out::append);
      if (PasswordPolicy.violation("admin", out.toString()).isEmpty()) {
        return out.toString();
      }
    }
  }

  /** Sets the request's principal from its session, or answers 401; login passes through. */
  public Handler<RoutingContext> handler() {
    return this::authenticate;
  }

  /** Mounts /auth/*, /users/* and /roles on the API router. */
  public void mount(Router api) {
    authApi.mount(api);
    usersApi.mount(api);
  }

  /**
   * Mounts what stands in front of everything on the root router, before health, metrics and the API: security
   * headers on every response, CORS when {@code security.corsOrigins} lists origins, and the {@code /metrics}
   * scrape-token check when {@code security.metricsToken} is set.
   */
  public void mountEdge(Router root) {
    root.route().handler(new SecurityHeaders());
    if (!settings.corsOrigins().isEmpty()) {
      root.route().handler(CorsHandler.create()
          .addOrigins(settings.corsOrigins())
          .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
              HttpMethod.DELETE))
          .allowedHeaders(Set.of("Authorization", "Content-Type", "X-Request-Id"))
          .exposedHeaders(Set.of("X-Request-Id", "Location", "WWW-Authenticate"))
          .allowCredentials(false)
          .maxAgeSeconds(600));
    }
    if (metricsAccess.enabled()) {
      root.get("/metrics").handler(metricsAccess);
    }
  }

  // ---------------------------------------------------------------------------------------------- per request

  private void authenticate(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET && (rc.normalizedPath().startsWith(AUTH_ROUTES)
        || rc.normalizedPath().startsWith(USERS_ROUTES))) {
      // Only these routes change accounts and sessions. Their answer leaves after their commit; forgetting the
      // cached sessions before it does means the client's next request reads the new state (logout, role change,
      // second factor enabled, …) even before the change's notification has come back to this process.
      rc.addHeadersEndHandler(v -> sessions.cache().forgetAll());
    }
    if (rc.request().method() == HttpMethod.POST && LOGIN.equals(rc.normalizedPath())) {
      rc.next();
      return;
    }
    Optional<String> token = bearer(rc.request().getHeader("Authorization"));
    if (token == null) {
      refuse(rc, "请先登录 / Log in first: send Authorization: Bearer <token>", false);
      return;
    }
    if (token.isEmpty()) {
      refuse(rc, "会话令牌无效 / The session token is not valid", true);
      return;
    }
    sessions.find(token.get()).onComplete(ar -> {
      if (ar.failed()) {
        rc.fail(ar.cause());
        return;
      }
      Instant now = clock.instant();
      Sessions.Found found = ar.result().orElse(null);
      if (found == null) {
        refuse(rc, "会话无效或已注销 / The session is not valid or has ended", true);
        return;
      }
      if (found.account().disabled()) {
        refuse(rc, "账号已停用 / The account is disabled", true);
        return;
      }
      if (!now.isBefore(found.expiresAt()) || !now.isBefore(found.lastSeen().plus(sessions.idle()))) {
        refuse(rc, "会话已过期，请重新登录 / The session has expired; log in again", true);
        return;
      }
      sessions.touch(found, now).onComplete(touched -> {
        if (touched.failed()) {
          LOG.warn("Could not record the use of a session: {}", touched.cause().getMessage());
        }
        establish(rc, found, now);
      });
    });
  }

  private void establish(RoutingContext rc, Sessions.Found found, Instant now) {
    Account account = found.account();
    Principal principal = new Principal(account.id(), account.username(), account.county(),
        Set.copyOf(account.roles()), Roles.permissions(account.roles(), account.plugins(), registry));
    boolean mustChange = authApi.mustChange(account, now);
    boolean totpSetup = authApi.totpSetupRequired(account);
    Instant recordedUse = sessions.touches(found, now) ? now : found.lastSeen();
    Instant idleEnd = recordedUse.plus(sessions.idle());
    rc.put(Requests.PRINCIPAL_KEY, principal);
    rc.put(ActiveSession.KEY, new ActiveSession(found.hash(), account, found.expiresAt(),
        idleEnd.isBefore(found.expiresAt()) ? idleEnd : found.expiresAt(), mustChange, totpSetup));
    String call = rc.request().method().name() + " " + rc.normalizedPath();
    if (mustChange && !PASSWORD_CHANGE_ALLOWED.contains(call)) {
      rc.fail(new Problem(403, "/problems/password-change-required", "须先修改密码 / Password change required",
          "请先通过 POST /api/v1/auth/password 修改密码 / Change the password first with POST /api/v1/auth/password"));
      return;
    }
    if (totpSetup && !TOTP_SETUP_ALLOWED.contains(call)) {
      rc.fail(new Problem(403, "/problems/totp-setup-required", "须先启用动态口令 / Second factor required",
          "管理员账号须先启用动态口令：POST /api/v1/auth/totp/setup，再 POST /api/v1/auth/totp/enable / "
              + "Administrator accounts must set up TOTP first: POST /api/v1/auth/totp/setup, then "
              + "POST /api/v1/auth/totp/enable"));
      return;
    }
    rc.next();
  }

  /** The bearer token: null without an Authorization header, empty when it is not a well-formed token. */
  private static Optional<String> bearer(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String trimmed = header.trim();
    if (trimmed.length() < 7 || !trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = trimmed.substring(7).trim();
    return Sessions.wellFormed(token) ? Optional.of(token) : Optional.empty();
  }

  private static void refuse(RoutingContext rc, String detail, boolean invalidToken) {
    rc.response().putHeader("WWW-Authenticate", invalidToken ? "Bearer realm=\"zhenxing\", error=\"invalid_token\""
        : "Bearer realm=\"zhenxing\"");
    rc.fail(new Problem(401, "/problems/unauthenticated", "未登录 / Not authenticated", detail));
  }
}
