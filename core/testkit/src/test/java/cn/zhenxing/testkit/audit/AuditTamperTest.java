package cn.zhenxing.testkit.audit;

import static cn.zhenxing.testkit.audit.AuditSupport.count;
import static cn.zhenxing.testkit.audit.AuditSupport.setEnabled;
import static cn.zhenxing.testkit.audit.AuditSupport.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Story: someone with superuser rights on the database switches the append-only trigger off, edits or removes an
 * audit row and switches it back on; the auditor's verification finds the first row that no longer fits the chain.
 */
class AuditTamperTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder()
      .plugin(ReliefPlugin.ID, ReliefPlugin::new)
      .build();

  private static final String YUCI = "/api/v1/relief/counties/140702/payments";

  @Test
  void editedAndRemovedRowsAreDetected() {
    setEnabled(zx, "140702", ReliefPlugin.ID, true);
    TestHttp auditor = zx.createUser("aud2", "140700", List.of("auditor"), List.of());
    long[] payments = new long[4];
    for (int i = 0; i < payments.length; i++) {
      TestResponse r = zx.http().post(YUCI, new JsonObject().put("household", "HH-T" + i).put("amount", 100 + i));
      assertEquals(201, r.status(), r::toString);
      payments[i] = r.json().getLong("id");
    }
    JsonObject clean = verify(auditor);
    assertTrue(clean.getBoolean("valid"), clean::encode);

    long edited = auditIdOf(payments[1]);
    tamper("UPDATE core.audit_log SET detail = '{\"amount\": 100000}' WHERE id = " + edited);
    JsonObject afterEdit = verify(auditor);
    assertFalse(afterEdit.getBoolean("valid"), afterEdit::encode);
    assertEquals(edited, afterEdit.getLong("firstBrokenId"), afterEdit::encode);
    assertEquals("altered", afterEdit.getString("reason"));

    // Putting the value back makes it whole again: the hash is over the content, nothing else.
    tamper("UPDATE core.audit_log SET detail = '{\"amount\": 101}' WHERE id = " + edited);
    assertTrue(verify(auditor).getBoolean("valid"));

    // A forger who also recomputes the edited row's hash breaks the link to the next row.
    String originalHash = zx.sql("SELECT encode(hash, 'hex') FROM core.audit_log WHERE id = $1", edited).iterator()
        .next().getString(0);
    tamper("UPDATE core.audit_log SET object_id = 'forged' WHERE id = " + edited);
    tamper("UPDATE core.audit_log l SET hash = core.audit_row_hash(l) WHERE id = " + edited);
    JsonObject relinked = verify(auditor);
    assertFalse(relinked.getBoolean("valid"), relinked::encode);
    assertEquals(edited + 1, relinked.getLong("firstBrokenId"), relinked::encode);
    assertEquals("relinked", relinked.getString("reason"));
    tamper("UPDATE core.audit_log SET object_id = '" + payments[1] + "', hash = decode('" + originalHash
        + "', 'hex') WHERE id = " + edited);
    assertTrue(verify(auditor).getBoolean("valid"));

    // Removing a row outside the retention job leaves a hole the chain does not account for.
    long removed = auditIdOf(payments[2]);
    tamper("DELETE FROM core.audit_log WHERE id = " + removed);
    JsonObject holed = verify(auditor);
    assertFalse(holed.getBoolean("valid"), holed::encode);
    assertEquals(removed + 1, holed.getLong("firstBrokenId"), holed::encode);
    assertEquals("missing", holed.getString("reason"), holed::encode);
    assertEquals(removed, holed.getLong("checked") + count(zx, "SELECT min(id) FROM core.audit_log") - 1,
        "checked counts the rows up to the first broken one: " + holed.encode());
  }

  private static long auditIdOf(long paymentId) {
    return count(zx, "SELECT id FROM core.audit_log WHERE plugin = 'relief' AND object_id = $1",
        String.valueOf(paymentId));
  }

  /** Runs a statement the way a superuser would, with the append-only trigger switched off around it. */
  private static void tamper(String statement) {
    zx.sql("ALTER TABLE core.audit_log DISABLE TRIGGER audit_log_append_only");
    try {
      zx.sql(statement);
    } finally {
      zx.sql("ALTER TABLE core.audit_log ENABLE ALWAYS TRIGGER audit_log_append_only");
    }
  }
}
