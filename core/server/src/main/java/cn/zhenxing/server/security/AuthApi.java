package cn.zhenxing.server.security;

import cn.zhenxing.sdk.http.FieldError;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.server.audit.AuditRecord;
import cn.zhenxing.server.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/auth}: login, logout, the current user, password change and the TOTP second factor.
 *
 * <p>Every refused login answers the same 401 ({@link #loginFailed()}) whatever the reason: unknown user, wrong
 * password, wrong or missing one-time code, locked or disabled account. Unknown users are verified against a dummy
 * hash, so they take as long as known ones.
 */
final class AuthApi {

  private static final Logger LOG = LoggerFactory.getLogger(AuthApi.class);
  static final String ISSUER = "Zhenxing";

  private final Pool pool;
  private final Clock clock;
  private final SecuritySettings settings;
  private final Passwords passwords;
  private final Sessions sessions;
  private final Supplier<SecretBox> box;
  private final Audits audits;
  private final SecureRandom random;

  AuthApi(Pool pool, Clock clock, SecuritySettings settings, Passwords passwords, Sessions sessions,
      Supplier<SecretBox> box, Audits audits, SecureRandom random) {
    this.pool = pool;
    this.clock = clock;
    this.settings = settings;
    this.passwords = passwords;
    this.sessions = sessions;
    this.box = box;
    this.audits = audits;
    this.random = random;
  }

  void mount(Router api) {
    api.post("/auth/login").handler(this::login);
    api.post("/auth/logout").handler(this::logout);
    api.get("/auth/me").handler(this::me);
    api.post("/auth/password").handler(this::changePassword);
    api.post("/auth/totp/setup").handler(this::totpSetup);
    api.post("/auth/totp/enable").handler(this::totpEnable);
  }

  /** The one answer to every refused login. */
  static Problem loginFailed() {
    return new Problem(401, "/problems/login-failed", "登录失败 / Login failed",
        "用户名、密码或动态口令错误，或账号已锁定 / Wrong username, password or one-time code, or the account is "
            + "locked");
  }

  // ---------------------------------------------------------------------------------------------- login

  private record Attempt(String username, Account account, boolean passwordOk) {
  }

  /** A committed login decision: a body to send, or a refusal. */
  private record Outcome(JsonObject body) {
    static final Outcome REFUSED = new Outcome(null);
  }

  private void login(RoutingContext rc) {
    JsonObject body = Requests.jsonBody(rc);
    List<FieldError> errors = new ArrayList<>();
    String username = body.getValue("username") instanceof String s ? s.trim() : null;
    String password = body.getValue("password") instanceof String s ? s : null;
    if (username == null || username.isEmpty()) {
      errors.add(new FieldError("username", "必须为非空字符串 / must be a non-empty string"));
    }
    if (password == null || password.isEmpty()) {
      errors.add(new FieldError("password", "必须为非空字符串 / must be a non-empty string"));
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    String name = username.toLowerCase(Locale.ROOT);
    String code = totpText(body.getValue("totp"));
    pool.preparedQuery("SELECT " + Account.COLUMNS + " FROM core.account a WHERE a.username = $1")
        .execute(Tuple.of(name))
        .map(rows -> rows.size() == 0 ? null : Account.from(rows.iterator().next()))
        .compose(account -> (account == null ? passwords.verifyDummy(password)
            : passwords.verify(password, account.passwordHash()))
            .map(ok -> new Attempt(name, account, ok)))
        .compose(attempt -> pool.withTransaction(conn -> decide(conn, rc, attempt, code)))
        .onSuccess(outcome -> {
          if (outcome.body() == null) {
            rc.fail(loginFailed());
          } else {
            Responses.json(rc, 200, outcome.body());
          }
        })
        .onFailure(rc::fail);
  }

  private static String totpText(Object value) {
    if (value instanceof String s) {
      return s.replace(" ", "");
    }
    if (value instanceof Number n && n.longValue() >= 0 && n.longValue() < 1_000_000) {
      return String.format(Locale.ROOT, "%06d", n.longValue());
    }
    return null;
  }

  private Future<Outcome> decide(SqlConnection conn, RoutingContext rc, Attempt attempt, String code) {
    if (attempt.account() == null) {
      String attempted = attempt.username().length() > 64 ? attempt.username().substring(0, 64)
          : attempt.username();
      return audits.self(conn, rc, null, attempted, null, "login_failed", AuditRecord.FAILED,
              new JsonObject().put("reason", "unknown_user"))
          .map(Outcome.REFUSED);
    }
    return conn.preparedQuery("SELECT " + Account.COLUMNS + " FROM core.account a WHERE a.id = $1 FOR UPDATE")
        .execute(Tuple.of(attempt.account().id()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Outcome.REFUSED); // deleted meanwhile
          }
          Account account = Account.from(rows.iterator().next());
          Instant now = clock.instant();
          if (account.disabled()) {
            return refuse(conn, rc, account, "disabled");
          }
          if (account.lockedAt(now)) {
            // Neither counted nor extending the lock.
            return refuse(conn, rc, account, "locked");
          }
          // The hash compared must be the one verified: a password changed meanwhile is not accepted.
          if (!attempt.passwordOk() || !account.passwordHash().equals(attempt.account().passwordHash())) {
            return fail(conn, rc, account, now, "password");
          }
          Long usedStep = null;
          if (account.totpEnabled()) {
            Optional<byte[]> secret = box.get().open(account.totpSecret(), account.id());
            if (secret.isEmpty()) {
              LOG.error("The TOTP secret of account {} cannot be opened with this server's key: restore the key "
                  + "file or have a security administrator reset the account's TOTP", account.id());
              return fail(conn, rc, account, now, "totp");
            }
            OptionalLong step = Totp.match(secret.get(), code, now,
                account.totpLastStep() == null ? Long.MIN_VALUE : account.totpLastStep());
            if (step.isEmpty()) {
              return fail(conn, rc, account, now, code == null ? "totp_missing" : "totp");
            }
            usedStep = step.getAsLong();
          }
          return succeed(conn, rc, account, now, usedStep);
        });
  }

  /** A refusal that does not count as a failure (disabled or locked account). */
  private Future<Outcome> refuse(SqlConnection conn, RoutingContext rc, Account account, String reason) {
    return audits.self(conn, rc, account.id(), account.username(), account.county(), "login_failed",
            AuditRecord.FAILED, new JsonObject().put("reason", reason))
        .map(Outcome.REFUSED);
  }

  /** A counted failure; the one that reaches the limit locks the account. */
  private Future<Outcome> fail(SqlConnection conn, RoutingContext rc, Account account, Instant now, String reason) {
    Instant windowStart = now.minus(settings.failureWindow());
    // One statement: prune failures outside the window, record this one, count those inside (the count does not
    // see the row inserted by the same statement, hence + 1).
    return conn.preparedQuery("WITH pruned AS (DELETE FROM core.login_failure WHERE account_id = $1 "
            + "AND failed_at <= $2), added AS (INSERT INTO core.login_failure (account_id, failed_at) "
            + "VALUES ($1, $3)) SELECT count(*) + 1 AS n FROM core.login_failure WHERE account_id = $1 "
            + "AND failed_at > $2 AND failed_at <= $3")
        .execute(Tuple.of(account.id(), Sessions.utc(windowStart), Sessions.utc(now)))
        .compose(rows -> {
          long failures = rows.iterator().next().getLong("n");
          Future<Void> failed = audits.self(conn, rc, account.id(), account.username(), account.county(),
              "login_failed", AuditRecord.FAILED, new JsonObject().put("reason", reason)
                  .put("failures", failures));
          if (failures < settings.maxFailures()) {
            return failed;
          }
          Instant until = now.plus(settings.lockDuration());
          return failed
              .compose(v -> conn.preparedQuery("UPDATE core.account SET locked_until = $2 WHERE id = $1")
                  .execute(Tuple.of(account.id(), Sessions.utc(until))))
              .compose(v -> conn.preparedQuery("DELETE FROM core.login_failure WHERE account_id = $1")
                  .execute(Tuple.of(account.id())))
              .compose(v -> audits.self(conn, rc, account.id(), account.username(), account.county(), "lock",
                  AuditRecord.SUCCESS, new JsonObject().put("failures", failures)
                      .put("lockedUntil", until.toString())))
              .onSuccess(v -> LOG.warn("Account {} locked until {} after {} failed logins", account.id(), until,
                  failures));
        })
        .map(Outcome.REFUSED);
  }

  private Future<Outcome> succeed(SqlConnection conn, RoutingContext rc, Account account, Instant now,
      Long usedStep) {
    return conn.preparedQuery("DELETE FROM core.login_failure WHERE account_id = $1").execute(Tuple.of(account.id()))
        .compose(v -> conn.preparedQuery("UPDATE core.account SET locked_until = NULL, "
                + "totp_last_step = coalesce($2, totp_last_step) WHERE id = $1")
            .execute(Tuple.of(account.id(), usedStep)))
        .compose(v -> sessions.create(conn, account.id(), now, Audits.ip(rc)))
        .compose(issued -> audits.self(conn, rc, account.id(), account.username(), account.county(), "login",
                AuditRecord.SUCCESS, null)
            .map(v -> new Outcome(new JsonObject()
                .put("token", issued.token())
                .put("expiresAt", issued.expiresAt().toString())
                .put("idleMinutes", sessions.idle().toMinutes())
                .put("mustChangePassword", mustChange(account, now))
                .put("totpSetupRequired", totpSetupRequired(account))
                .put("user", account.summary()))));
  }

  /** Whether the account must change its password before doing anything else. */
  boolean mustChange(Account account, Instant now) {
    return account.mustChangePassword() || (!settings.passwordMaxAge().isZero()
        && !now.isBefore(account.passwordChangedAt().plus(settings.passwordMaxAge())));
  }

  /** Whether the configuration requires a second factor the account has not set up yet. */
  boolean totpSetupRequired(Account account) {
    return settings.totpRequiredForAdmins() && Roles.totpRole(account.roles()) && !account.totpEnabled();
  }

  // ---------------------------------------------------------------------------------------------- session

  private void logout(RoutingContext rc) {
    ActiveSession session = ActiveSession.of(rc);
    Account account = session.account();
    Instant now = clock.instant();
    pool.withTransaction(conn -> sessions.revoke(conn, session.tokenHash(), now)
            .compose(v -> audits.self(conn, rc, account.id(), account.username(), account.county(), "logout",
                AuditRecord.SUCCESS, null)))
        .onSuccess(v -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  private void me(RoutingContext rc) {
    ActiveSession session = ActiveSession.of(rc);
    Account account = session.account();
    JsonObject body = account.summary()
        .put("permissions", new JsonArray(Requests.principal(rc).permissions().stream().sorted().toList()))
        .put("mustChangePassword", session.mustChangePassword())
        .put("totpEnabled", account.totpEnabled())
        .put("totpSetupRequired", session.totpSetupRequired())
        .put("expiresAt", session.expiresAt().toString())
        .put("idleExpiresAt", session.idleExpiresAt().toString());
    Responses.json(rc, 200, body);
  }

  // ---------------------------------------------------------------------------------------------- password

  private void changePassword(RoutingContext rc) {
    ActiveSession session = ActiveSession.of(rc);
    Account account = session.account();
    JsonObject body = Requests.jsonBody(rc);
    String current = body.getValue("currentPassword") instanceof String s ? s : null;
    String next = body.getValue("newPassword") instanceof String s ? s : null;
    List<FieldError> errors = new ArrayList<>();
    if (current == null || current.isEmpty()) {
      errors.add(new FieldError("currentPassword", "必须为非空字符串 / must be a non-empty string"));
    }
    if (next == null) {
      errors.add(new FieldError("newPassword", "必须为字符串 / must be a string"));
    } else {
      PasswordPolicy.violation(account.username(), next).ifPresent(reason ->
          errors.add(new FieldError("newPassword", reason)));
      if (errors.isEmpty() && next.equals(current)) {
        errors.add(new FieldError("newPassword", "新密码不能与当前密码相同 / must differ from the current password"));
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    passwords.verify(current, account.passwordHash())
        .compose(ok -> {
          if (!ok) {
            return Future.failedFuture(Problem.invalid("currentPassword",
                "当前密码不正确 / is not the current password"));
          }
          return passwords.hash(next);
        })
        .compose(hash -> pool.withTransaction(conn -> {
          Instant now = clock.instant();
          return conn.preparedQuery("UPDATE core.account SET password_hash = $2, password_changed_at = $3, "
                  + "must_change_password = false, updated_at = $3 WHERE id = $1 AND password_hash = $4")
              .execute(Tuple.of(account.id(), hash, Sessions.utc(now), account.passwordHash()))
              .compose(rows -> rows.rowCount() == 0
                  ? Future.failedFuture(Problem.conflict("密码已被修改，请重新登录 / The password was changed "
                      + "meanwhile; log in again"))
                  : Future.succeededFuture())
              // Other sessions may belong to whoever knew the old password.
              .compose(v -> sessions.revokeAll(conn, account.id(), session.tokenHash(), now))
              .compose(v -> audits.self(conn, rc, account.id(), account.username(), account.county(),
                  "password_change", AuditRecord.SUCCESS, null));
        }))
        .onSuccess(v -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  // ---------------------------------------------------------------------------------------------- TOTP

  private void totpSetup(RoutingContext rc) {
    Account account = ActiveSession.of(rc).account();
    if (account.totpEnabled()) {
      throw Problem.conflict("动态口令已启用；如需更换请联系安全管理员重置 / TOTP is already enabled; a security "
          + "administrator can reset it");
    }
    byte[] secret = new byte[Totp.SECRET_BYTES];
    random.nextBytes(secret);
    String sealed = box.get().seal(secret, account.id());
    Instant now = clock.instant();
    pool.withTransaction(conn -> conn.preparedQuery("UPDATE core.account SET totp_secret = $2, updated_at = $3 "
                + "WHERE id = $1 AND NOT totp_enabled")
            .execute(Tuple.of(account.id(), sealed, Sessions.utc(now)))
            .compose(rows -> rows.rowCount() == 0
                ? Future.failedFuture(Problem.conflict("动态口令已启用 / TOTP is already enabled"))
                : audits.self(conn, rc, account.id(), account.username(), account.county(), "totp_setup",
                    AuditRecord.SUCCESS, null)))
        .onSuccess(v -> Responses.json(rc, 200, new JsonObject()
            .put("secret", Totp.base32(secret))
            .put("otpauthUri", Totp.uri(ISSUER, account.username(), secret))
            .put("algorithm", "SHA1")
            .put("digits", Totp.DIGITS)
            .put("period", Totp.STEP_SECONDS)))
        .onFailure(rc::fail);
  }

  private void totpEnable(RoutingContext rc) {
    Account account = ActiveSession.of(rc).account();
    JsonObject body = Requests.jsonBody(rc);
    String code = totpText(body.getValue("code"));
    if (code == null || !code.matches("[0-9]{6}")) {
      throw Problem.invalid("code", "必须为 6 位数字 / must be 6 digits");
    }
    pool.withTransaction(conn -> conn.preparedQuery("SELECT " + Account.COLUMNS
                + " FROM core.account a WHERE a.id = $1 FOR UPDATE")
            .execute(Tuple.of(account.id()))
            .compose(rows -> {
              Account fresh = Account.from(rows.iterator().next());
              if (fresh.totpEnabled()) {
                return Future.failedFuture(Problem.conflict("动态口令已启用 / TOTP is already enabled"));
              }
              Optional<byte[]> secret = fresh.totpSecret() == null ? Optional.empty()
                  : box.get().open(fresh.totpSecret(), fresh.id());
              if (secret.isEmpty()) {
                return Future.failedFuture(Problem.conflict("请先调用 /auth/totp/setup / Call /auth/totp/setup "
                    + "first"));
              }
              Instant now = clock.instant();
              OptionalLong step = Totp.match(secret.get(), code, now, Long.MIN_VALUE);
              if (step.isEmpty()) {
                return Future.failedFuture(Problem.invalid("code", "动态口令不正确或已过期 / is wrong or expired; "
                    + "check the phone's clock"));
              }
              return conn.preparedQuery("UPDATE core.account SET totp_enabled = true, totp_last_step = $2, "
                      + "updated_at = $3 WHERE id = $1")
                  .execute(Tuple.of(fresh.id(), step.getAsLong(), Sessions.utc(now)))
                  .compose(v -> audits.self(conn, rc, fresh.id(), fresh.username(), fresh.county(), "totp_enable",
                      AuditRecord.SUCCESS, null));
            }))
        .onSuccess(v -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }
}
