package cn.zhenxing.sdk.audit;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * What a write did, for the audit log. The core adds who, when, from where, the request id, the plugin and the
 * county of the request, and chains the row into the tamper-evident log.
 *
 * @param action     what was done: {@code create}, {@code update}, {@code delete}, {@code import}, {@code export},
 *                   {@code reveal}, … (lower case)
 * @param objectType what kind of thing, e.g. {@code household}
 * @param objectId   which one (may be null for bulk actions)
 * @param detail     anything else worth keeping (never personal data in clear, never secrets); may be null
 */
public record AuditEntry(String action, String objectType, String objectId, JsonObject detail) {

  public AuditEntry {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(objectType, "objectType");
  }

  public static AuditEntry of(String action, String objectType, Object objectId) {
    return new AuditEntry(action, objectType, objectId == null ? null : String.valueOf(objectId), null);
  }

  public AuditEntry withDetail(JsonObject detail) {
    return new AuditEntry(action, objectType, objectId, detail);
  }
}
