package cn.zhenxing.testkit.security;

import static cn.zhenxing.testkit.security.Sec.attempt;
import static cn.zhenxing.testkit.security.Sec.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: the auditor can see who logged in, who failed, which account locked, who logged out and every change an
 * administrator made to an account, and who made it; the log never holds a password or a token.
 */
class AccountAuditTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().build();

  private static List<String> actionsOn(String username) {
    List<String> actions = new ArrayList<>();
    for (Row row : zx.sql("SELECT action, result, object_type FROM core.audit_log "
        + "WHERE (username = $1 OR detail->>'username' = $1) ORDER BY id", username)) {
      assertEquals("user", row.getString("object_type"));
      actions.add(row.getString("action") + ":" + row.getString("result"));
    }
    return actions;
  }

  @Test
  void loginsFailuresLocksLogoutsAndAccountChangesAreAudited() {
    long id = Sec.createUser(zx, zx.http(), "audited.one", "140702", List.of("county_staff"), List.of());
    String password = ZhenxingExtension.passwordOf("audited.one");
    TestHttp session = Sec.as(zx, "audited.one");
    assertEquals(204, session.post("/api/v1/auth/logout", null).status());
    for (int i = 0; i < 5; i++) {
      attempt(zx, "audited.one", "Wrong-Password-" + i);
    }
    attempt(zx, "audited.one", password);
    Sec.createUser(zx, zx.http(), "audit.sec", "140700", List.of("security_admin"), List.of());
    assertEquals(204, Sec.as(zx, "audit.sec").post("/api/v1/users/" + id + "/unlock", null).status());
    assertEquals(200, zx.http().send("PATCH", "/api/v1/users/" + id, body("roles", new JsonArray()
        .add("county_admin")).encode()).status());
    assertEquals(200, zx.http().send("PATCH", "/api/v1/users/" + id, body("disabled", true).encode()).status());
    assertEquals(204, zx.http().post("/api/v1/users/" + id + "/password", body("password", "Reset-Audit-2026"))
        .status());
    attempt(zx, "never.existed", "Whatever-2026");

    List<String> actions = actionsOn("audited.one");
    assertEquals(List.of("create:success", "login:success", "password_change:success", "login:success",
        "logout:success", "login_failed:failed", "login_failed:failed", "login_failed:failed", "login_failed:failed",
        "login_failed:failed", "lock:success", "login_failed:failed", "unlock:success", "role_change:success",
        "disable:success", "reset_password:success"), actions);
    assertEquals(List.of("login_failed:failed"), actionsOn("never.existed"));

    Row change = zx.sql("SELECT user_id, username, county, object_id, detail FROM core.audit_log "
        + "WHERE action = 'role_change'").iterator().next();
    assertEquals("admin", change.getString("username"), "the administrator who made the change");
    assertEquals("140702", change.getString("county"));
    assertEquals(String.valueOf(id), change.getString("object_id"));
    assertTrue(change.getJsonObject("detail").encode().contains("county_admin"));

    long leaks = zx.sql("SELECT count(*) FROM core.audit_log WHERE detail::text LIKE '%' || $1 || '%' "
        + "OR detail::text LIKE '%Reset-Audit-2026%' OR detail::text LIKE '%Wrong-Password%'", password)
        .iterator().next().getLong(0);
    assertEquals(0, leaks, "no password in the audit log");
  }
}
