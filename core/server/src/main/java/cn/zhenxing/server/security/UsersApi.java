package cn.zhenxing.server.security;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.FieldError;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.security.Principal;
import cn.zhenxing.sdk.sql.Where;
import cn.zhenxing.server.county.Counties;
import cn.zhenxing.server.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /api/v1/users} and {@code /api/v1/roles}: account management for holders of {@code core.users.manage}.
 * City-level holders (city and security administrators) manage every account; county administrators only their
 * own county's, and grant only county roles. Unlocking and resetting a second factor need
 * {@code core.accounts.secure}, and so does changing or resetting the account of a security administrator or an
 * auditor (so that a system administrator cannot take over the other powers' accounts; creating them is allowed, as
 * someone must create the first ones). Every change is audited in the transaction that makes it.
 *
 * <p>Accounts outside the caller's scope answer 404, as if they did not exist; lists never contain them.
 */
final class UsersApi {

  static final String USERNAME = "[a-z0-9][a-z0-9._@-]{1,63}";
  private static final String PLUGIN_ID = "[a-z][a-z0-9-]{0,63}";
  private static final Set<String> UPDATABLE = Set.of("displayName", "roles", "plugins", "disabled");

  private final Pool pool;
  private final Clock clock;
  private final Counties counties;
  private final PermissionRegistry registry;
  private final Passwords passwords;
  private final Sessions sessions;
  private final Audits audits;
  private final CoreAccess access;
  private final AccessDenials denials;

  UsersApi(Pool pool, Clock clock, Counties counties, PermissionRegistry registry, Passwords passwords,
      Sessions sessions, Audits audits, AccessDenials denials) {
    this.pool = pool;
    this.clock = clock;
    this.counties = counties;
    this.registry = registry;
    this.passwords = passwords;
    this.sessions = sessions;
    this.audits = audits;
    this.denials = denials;
    this.access = new CoreAccess(denials);
  }

  void mount(Router api) {
    Handler<RoutingContext> manage = access.require(PermissionRegistry.USERS_MANAGE);
    Handler<RoutingContext> secure = access.require(PermissionRegistry.ACCOUNTS_SECURE);
    api.get("/roles").handler(manage).handler(this::roles);
    api.get("/users").handler(manage).handler(this::list);
    api.post("/users").handler(manage).handler(this::create);
    api.get("/users/:id").handler(manage).handler(this::get);
    api.patch("/users/:id").handler(manage).handler(this::update);
    api.put("/users/:id").handler(manage).handler(this::update);
    // Security administrators hold core.users.manage too, so this covers "users.manage or accounts.secure".
    api.post("/users/:id/password").handler(manage).handler(this::resetPassword);
    api.post("/users/:id/unlock").handler(secure).handler(this::unlock);
    api.delete("/users/:id/totp").handler(secure).handler(this::resetTotp);
  }

  // ---------------------------------------------------------------------------------------------- reading

  private void roles(RoutingContext rc) {
    JsonArray roles = new JsonArray();
    Roles.ALL.forEach((name, description) -> roles.add(new JsonObject().put("name", name)
        .put("description", description).put("city", Roles.CITY_ROLES.contains(name))));
    JsonObject permissions = new JsonObject();
    registry.describeAll().forEach(permissions::put);
    Responses.json(rc, 200, new JsonObject().put("items", roles).put("permissions", permissions));
  }

  private void list(RoutingContext rc) {
    Principal caller = Requests.principal(rc);
    String county = rc.queryParams().get("county");
    if (county != null && !caller.covers(county)) {
      denials.deny(rc, "core", "county:" + county, Problem.forbidden("您只能查看本县区的账号 / You may only list the "
          + "accounts of county " + caller.countyCode()));
      return;
    }
    if (!caller.cityLevel()) {
      county = caller.countyCode();
    }
    int limit = intParam(rc, "limit", 100, 1, 500);
    int offset = intParam(rc, "offset", 0, 0, Integer.MAX_VALUE);
    Instant now = clock.instant();
    // Through the SDK's list query, so the total is right even on a page past the end.
    Where.all().and("a.county_code = $?::char(6)", county)
        .list(pool, new Page(limit, offset), Account.COLUMNS, "core.account a", "a.username",
            row -> Account.from(row).view(now))
        .onSuccess(page -> Responses.json(rc, 200, page))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    target(pool, rc, false)
        .onSuccess(account -> Responses.json(rc, 200, account.view(clock.instant())))
        .onFailure(rc::fail);
  }

  // ---------------------------------------------------------------------------------------------- creating

  private void create(RoutingContext rc) {
    Principal caller = Requests.principal(rc);
    JsonObject body = Requests.jsonBody(rc);
    List<FieldError> errors = new ArrayList<>();
    String username = body.getValue("username") instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : null;
    if (username == null || !username.matches(USERNAME)) {
      errors.add(new FieldError("username", "须为 2–64 位小写字母、数字或 . _ @ -，以字母或数字开头 / must be 2–64 "
          + "letters, digits or . _ @ -, starting with a letter or digit"));
    }
    String displayName = displayName(body, username, errors);
    String county = body.getValue("county") instanceof String s ? s : null;
    if (county == null || counties.byCode(county).isEmpty()) {
      errors.add(new FieldError("county", "须为市 (140700) 或县区的代码 / must be the code of the city (140700) "
          + "or of a county"));
    }
    List<String> roles = roles(body.getValue("roles"), errors);
    List<String> plugins = plugins(body.getValue("plugins"), errors);
    String password = body.getValue("password") instanceof String s ? s : null;
    if (password == null) {
      errors.add(new FieldError("password", "必须为字符串（初始密码） / must be a string (the initial password)"));
    } else if (username != null) {
      PasswordPolicy.violation(username, password).ifPresent(r -> errors.add(new FieldError("password", r)));
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    if (!caller.covers(county)) {
      denials.deny(rc, "core", "county:" + county, Problem.forbidden("您只能为本县区创建账号 / You may only create "
          + "accounts of county " + caller.countyCode()));
      return;
    }
    if (refusedGrant(rc, caller, roles)) {
      return;
    }
    checkRoles(roles, county);
    List<String> granted = roles.contains(Roles.COUNTY_STAFF) ? plugins : List.of();
    String name = username;
    passwords.hash(password)
        .compose(hash -> pool.withTransaction(conn -> {
          Instant now = clock.instant();
          return conn.preparedQuery("INSERT INTO core.account (username, display_name, county_code, roles, plugins, "
                  + "password_hash, password_changed_at, must_change_password, created_at, updated_at) "
                  + "VALUES ($1, $2, $3, $4, $5, $6, $7, true, $7, $7) ON CONFLICT (username) DO NOTHING "
                  + "RETURNING " + Account.COLUMNS.replace("a.", ""))
              .execute(Tuple.of(name, displayName, county, roles.toArray(new String[0]),
                  granted.toArray(new String[0]), hash, Sessions.utc(now)))
              .compose(rows -> {
                if (rows.size() == 0) {
                  return Future.failedFuture(Problem.conflict("用户名 " + name + " 已被使用 / The username " + name
                      + " is taken"));
                }
                Account created = Account.from(rows.iterator().next());
                return audits.byAdmin(conn, rc, created, "create", new JsonObject()
                        .put("roles", new JsonArray(roles)).put("plugins", new JsonArray(granted)))
                    .map(created);
              });
        }))
        .onSuccess(created -> {
          rc.response().putHeader("Location", "/api/v1/users/" + created.id());
          Responses.json(rc, 201, created.view(clock.instant()));
        })
        .onFailure(rc::fail);
  }

  // ---------------------------------------------------------------------------------------------- changing

  private void update(RoutingContext rc) {
    Principal caller = Requests.principal(rc);
    JsonObject body = Requests.jsonBody(rc);
    List<FieldError> errors = new ArrayList<>();
    for (String field : body.fieldNames()) {
      if (!UPDATABLE.contains(field)) {
        errors.add(new FieldError(field, "不能在此修改（可修改 displayName、roles、plugins、disabled） / cannot be "
            + "changed here (displayName, roles, plugins and disabled can)"));
      }
    }
    String displayName = body.containsKey("displayName") ? displayName(body, null, errors) : null;
    List<String> roles = body.containsKey("roles") ? roles(body.getValue("roles"), errors) : null;
    List<String> plugins = body.containsKey("plugins") ? plugins(body.getValue("plugins"), errors) : null;
    Boolean disabled = null;
    if (body.containsKey("disabled")) {
      if (body.getValue("disabled") instanceof Boolean b) {
        disabled = b;
      } else {
        errors.add(new FieldError("disabled", "必须为 true 或 false / must be true or false"));
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    Boolean disable = disabled;
    pool.withTransaction(conn -> target(conn, rc, true).compose(account -> {
          if (!mayAdminister(caller, account)) {
            return Future.failedFuture(guarded(account));
          }
          List<String> newRoles = roles != null ? roles : account.roles();
          boolean rolesChanged = !new TreeSet<>(newRoles).equals(new TreeSet<>(account.roles()));
          if (account.id() == caller.userId() && (rolesChanged || Boolean.TRUE.equals(disable))) {
            return Future.failedFuture(Problem.forbidden("不能修改自己的角色或停用自己的账号 / You cannot change your "
                + "own roles or disable your own account"));
          }
          if (rolesChanged && !caller.cityLevel() && newRoles.stream().anyMatch(Roles.CITY_ROLES::contains)) {
            return Future.failedFuture(Problem.forbidden("县区管理员不能授予市级角色 / County administrators "
                + "cannot grant city roles"));
          }
          checkRoles(newRoles, account.county());
          List<String> newPlugins = !newRoles.contains(Roles.COUNTY_STAFF) ? List.of()
              : plugins != null ? plugins : account.plugins();
          boolean pluginsChanged = !newPlugins.equals(account.plugins());
          String newName = displayName != null ? displayName : account.displayName();
          boolean nameChanged = !newName.equals(account.displayName());
          boolean newDisabled = disable != null ? disable : account.disabled();
          boolean disabledChanged = newDisabled != account.disabled();
          Instant now = clock.instant();
          Future<Void> done = conn.preparedQuery("UPDATE core.account SET display_name = $2, roles = $3, "
                  + "plugins = $4, disabled = $5, updated_at = $6 WHERE id = $1")
              .execute(Tuple.of(account.id(), newName, newRoles.toArray(new String[0]),
                  newPlugins.toArray(new String[0]), newDisabled, Sessions.utc(now)))
              .mapEmpty();
          if (rolesChanged) {
            done = done.compose(v -> audits.byAdmin(conn, rc, account, "role_change", new JsonObject()
                .put("from", new JsonArray(account.roles())).put("to", new JsonArray(newRoles))));
          }
          if (pluginsChanged) {
            done = done.compose(v -> audits.byAdmin(conn, rc, account, "grant", new JsonObject()
                .put("from", new JsonArray(account.plugins())).put("to", new JsonArray(newPlugins))));
          }
          if (nameChanged) {
            done = done.compose(v -> audits.byAdmin(conn, rc, account, "update", new JsonObject()
                .put("field", "displayName")));
          }
          if (disabledChanged) {
            done = done.compose(v -> audits.byAdmin(conn, rc, account, newDisabled ? "disable" : "enable", null));
            if (newDisabled) {
              // The account's sessions already fail on their next request; revoking keeps them dead if re-enabled.
              done = done.compose(v -> sessions.revokeAll(conn, account.id(), null, now));
            }
          }
          return done.compose(v -> target(conn, rc, false));
        }))
        .onSuccess(account -> Responses.json(rc, 200, account.view(clock.instant())))
        .onFailure(rc::fail);
  }

  private void resetPassword(RoutingContext rc) {
    JsonObject body = Requests.jsonBody(rc);
    String password = body.getValue("password") instanceof String s ? s : null;
    Principal caller = Requests.principal(rc);
    target(pool, rc, false)
        .compose(account -> {
          if (!mayAdminister(caller, account)) {
            return Future.failedFuture(guarded(account));
          }
          if (password == null) {
            return Future.failedFuture(Problem.invalid("password", "必须为字符串（新的初始密码） / must be a string "
                + "(the new initial password)"));
          }
          return PasswordPolicy.violation(account.username(), password)
              .<Future<Account>>map(reason -> Future.failedFuture(Problem.invalid("password", reason)))
              .orElseGet(() -> Future.succeededFuture(account));
        })
        .compose(account -> passwords.hash(password).compose(hash -> pool.withTransaction(conn -> {
          Instant now = clock.instant();
          return conn.preparedQuery("UPDATE core.account SET password_hash = $2, password_changed_at = $3, "
                  + "must_change_password = true, updated_at = $3 WHERE id = $1")
              .execute(Tuple.of(account.id(), hash, Sessions.utc(now)))
              .compose(v -> sessions.revokeAll(conn, account.id(), null, now))
              .compose(v -> audits.byAdmin(conn, rc, account, "reset_password", null));
        })))
        .onSuccess(v -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  private void unlock(RoutingContext rc) {
    pool.withTransaction(conn -> target(conn, rc, true).compose(account -> conn
            .preparedQuery("UPDATE core.account SET locked_until = NULL, updated_at = $2 WHERE id = $1")
            .execute(Tuple.of(account.id(), Sessions.utc(clock.instant())))
            .compose(v -> conn.preparedQuery("DELETE FROM core.login_failure WHERE account_id = $1")
                .execute(Tuple.of(account.id())))
            .compose(v -> audits.byAdmin(conn, rc, account, "unlock", new JsonObject()
                .put("wasLocked", account.lockedAt(clock.instant()))))))
        .onSuccess(v -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  private void resetTotp(RoutingContext rc) {
    pool.withTransaction(conn -> target(conn, rc, true).compose(account -> conn
            .preparedQuery("UPDATE core.account SET totp_secret = NULL, totp_enabled = false, totp_last_step = NULL, "
                + "updated_at = $2 WHERE id = $1")
            .execute(Tuple.of(account.id(), Sessions.utc(clock.instant())))
            .compose(v -> audits.byAdmin(conn, rc, account, "totp_reset", null))))
        .onSuccess(v -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  // ---------------------------------------------------------------------------------------------- rules

  /** The account named by {@code :id}, if it exists and the caller may manage it; else 404. */
  private Future<Account> target(SqlClient client, RoutingContext rc, boolean forUpdate) {
    String raw = rc.pathParam("id");
    Problem missing = Problem.notFound("账号 " + raw + " 不存在 / There is no account " + raw);
    long id;
    try {
      id = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      return Future.failedFuture(missing);
    }
    Principal caller = Requests.principal(rc);
    return client.preparedQuery("SELECT " + Account.COLUMNS + " FROM core.account a WHERE a.id = $1"
            + (forUpdate ? " FOR UPDATE" : ""))
        .execute(Tuple.of(id))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(missing);
          }
          Account account = Account.from(rows.iterator().next());
          return caller.covers(account.county()) ? Future.succeededFuture(account) : Future.failedFuture(missing);
        });
  }

  /**
   * Whether the caller may change or reset the account. Accounts holding another administrative power (security
   * administration, audit) are changed only by holders of {@code core.accounts.secure}: otherwise a system
   * administrator could reset the auditor's password and act as the auditor.
   */
  private static boolean mayAdminister(Principal caller, Account account) {
    return caller.can(PermissionRegistry.ACCOUNTS_SECURE)
        || account.roles().stream().noneMatch(r -> r.equals(Roles.SECURITY_ADMIN) || r.equals(Roles.AUDITOR));
  }

  private static Problem guarded(Account account) {
    return Problem.forbidden("安全管理员与审计员账号只能由安全管理员修改 / Only security administrators change the "
        + "accounts of security administrators and auditors (" + account.username() + ")");
  }

  /** Refuses (403, audited) a county-level caller granting a city role; answers whether it did. */
  private boolean refusedGrant(RoutingContext rc, Principal caller, List<String> roles) {
    if (caller.cityLevel() || roles.stream().noneMatch(Roles.CITY_ROLES::contains)) {
      return false;
    }
    denials.deny(rc, "core", "grant:" + String.join(",", roles), Problem.forbidden(
        "县区管理员只能授予县区角色 (county_admin, county_staff) / County administrators grant county roles only "
            + "(county_admin, county_staff)"));
    return true;
  }

  /** Separation of powers (409), then roles against the account's county (422). */
  static void checkRoles(List<String> roles, String county) {
    if (Roles.breaksSeparation(roles)) {
      throw Problem.conflict("系统管理、安全管理、审计三种权限不能由同一账号兼任 / System administration, security "
          + "administration and audit must not be held by one account (roles: " + String.join(", ", roles) + ")");
    }
    boolean city = County.CITY_CODE.equals(county);
    for (String role : roles) {
      if (city && Roles.COUNTY_ROLES.contains(role)) {
        throw Problem.invalid("county", "角色 " + role + " 须属于某个县区，不能是 140700 / the role " + role
            + " needs a county code, not the city's 140700");
      }
      if (!city && Roles.CITY_ROLES.contains(role)) {
        throw Problem.invalid("county", "角色 " + role + " 属于市级账号，县区须为 140700 / the role " + role
            + " is for city accounts: the county must be 140700");
      }
    }
  }

  private static String displayName(JsonObject body, String fallback, List<FieldError> errors) {
    Object value = body.getValue("displayName");
    if (value == null) {
      if (fallback == null) {
        errors.add(new FieldError("displayName", "必须为 1–100 个字符 / must be 1–100 characters"));
      }
      return fallback;
    }
    if (!(value instanceof String s) || s.isBlank() || s.trim().length() > 100) {
      errors.add(new FieldError("displayName", "必须为 1–100 个字符 / must be 1–100 characters"));
      return fallback;
    }
    return s.trim();
  }

  /** Known roles, without duplicates, in the canonical order. */
  private static List<String> roles(Object value, List<FieldError> errors) {
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      errors.add(new FieldError("roles", "必须为非空的角色列表 / must be a non-empty list of roles: "
          + String.join(", ", Roles.ALL.keySet())));
      return List.of();
    }
    Set<String> given = new LinkedHashSet<>();
    for (Object role : array) {
      if (!(role instanceof String s) || !Roles.ALL.containsKey(s)) {
        errors.add(new FieldError("roles", "未知角色 " + role + " / unknown role " + role + "; known: "
            + String.join(", ", Roles.ALL.keySet())));
        return List.of();
      }
      given.add(s);
    }
    return Roles.ALL.keySet().stream().filter(given::contains).toList();
  }

  /** Plugin ids, sorted, without duplicates. */
  private static List<String> plugins(Object value, List<FieldError> errors) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      errors.add(new FieldError("plugins", "必须为插件标识列表 / must be a list of plugin ids"));
      return List.of();
    }
    Set<String> ids = new TreeSet<>();
    for (Object id : array) {
      if (!(id instanceof String s) || !s.matches(PLUGIN_ID)) {
        errors.add(new FieldError("plugins", "无效的插件标识 " + id + " / not a plugin id: " + id));
        return List.of();
      }
      ids.add(s);
    }
    return List.copyOf(ids);
  }

  private static int intParam(RoutingContext rc, String name, int defaultValue, int min, int max) {
    String raw = rc.queryParams().get(name);
    if (raw == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // below
    }
    throw Problem.invalid(name, "必须为 " + min + " 到 " + max + " 的整数 / must be a whole number from " + min
        + " to " + max);
  }
}
