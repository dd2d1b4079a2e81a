package cn.zhenxing.server.security;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** One row of {@code core.account}, as read; never leaves the server whole (the hash and TOTP secret stay here). */
record Account(long id, String username, String displayName, String county, List<String> roles,
    List<String> plugins, boolean disabled, String passwordHash, Instant passwordChangedAt,
    boolean mustChangePassword, Instant lockedUntil, String totpSecret, boolean totpEnabled, Long totpLastStep,
    Instant createdAt) {

  /** The columns {@link #from} reads, for {@code SELECT}s (prefix {@code a.}). */
  static final String COLUMNS = "a.id, a.username, a.display_name, a.county_code, a.roles, a.plugins, a.disabled, "
      + "a.password_hash, a.password_changed_at, a.must_change_password, a.locked_until, a.totp_secret, "
      + "a.totp_enabled, a.totp_last_step, a.created_at";

  static Account from(Row row) {
    String[] roles = row.getArrayOfStrings("roles");
    String[] plugins = row.getArrayOfStrings("plugins");
    return new Account(row.getLong("id"), row.getString("username"), row.getString("display_name"),
        row.getString("county_code"), roles == null ? List.of() : List.of(roles),
        plugins == null ? List.of() : Arrays.stream(plugins).sorted().toList(), row.getBoolean("disabled"),
        row.getString("password_hash"), instant(row.getOffsetDateTime("password_changed_at")),
        row.getBoolean("must_change_password"), instant(row.getOffsetDateTime("locked_until")),
        row.getString("totp_secret"), row.getBoolean("totp_enabled"), row.getLong("totp_last_step"),
        instant(row.getOffsetDateTime("created_at")));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  boolean lockedAt(Instant now) {
    return lockedUntil != null && now.isBefore(lockedUntil);
  }

  /** What the login answer tells the client about its user. */
  JsonObject summary() {
    return new JsonObject().put("id", id).put("username", username).put("displayName", displayName)
        .put("county", county).put("roles", new JsonArray(roles)).put("plugins", new JsonArray(plugins));
  }

  /** What administrators see in the user-management API. */
  JsonObject view(Instant now) {
    return summary()
        .put("disabled", disabled)
        .put("locked", lockedAt(now))
        .put("lockedUntil", lockedAt(now) ? lockedUntil.toString() : null)
        .put("mustChangePassword", mustChangePassword)
        .put("totpEnabled", totpEnabled)
        .put("passwordChangedAt", passwordChangedAt.toString())
        .put("createdAt", createdAt.toString());
  }
}
