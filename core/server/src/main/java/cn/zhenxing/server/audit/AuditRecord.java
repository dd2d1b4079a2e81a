package cn.zhenxing.server.audit;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One row of the audit log, complete: who ({@code userId}/{@code username}, null for an anonymous attempt), when,
 * from where ({@code ip}), which request, in which plugin and county, what ({@code action} on
 * {@code objectType}/{@code objectId}) and how it ended ({@code result}: {@code success}, {@code denied} or
 * {@code failed}).
 */
public record AuditRecord(Instant at, Long userId, String username, String ip, String requestId, String plugin,
    String county, String action, String objectType, String objectId, String result, JsonObject detail) {

  public static final String SUCCESS = "success";
  public static final String DENIED = "denied";
  public static final String FAILED = "failed";
}
