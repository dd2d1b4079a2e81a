package cn.zhenxing.server.security;

import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.security.Principal;
import cn.zhenxing.server.audit.AuditRecord;
import cn.zhenxing.server.audit.AuditWriter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;

/** Audit rows of the security module: object type {@code user}, plugin {@code core}. */
final class Audits {

  static final String OBJECT_TYPE = "user";
  private static final String PLUGIN = "core";

  private final AuditWriter writer;
  private final Clock clock;

  Audits(AuditWriter writer, Clock clock) {
    this.writer = writer;
    this.clock = clock;
  }

  /** An event the account itself caused (login, logout, its own password change), or the system did to it. */
  Future<Void> self(SqlClient client, RoutingContext rc, Long userId, String username, String county, String action,
      String result, JsonObject detail) {
    return writer.append(client, new AuditRecord(clock.instant(), userId, username, ip(rc),
        rc == null ? null : Requests.requestId(rc), PLUGIN, county, action, OBJECT_TYPE,
        userId == null ? null : String.valueOf(userId), result, detail));
  }

  /** An administrator's change to an account. */
  Future<Void> byAdmin(SqlClient client, RoutingContext rc, Account target, String action, JsonObject detail) {
    Principal actor = Requests.principal(rc);
    JsonObject full = new JsonObject().put("username", target.username());
    if (detail != null) {
      full.mergeIn(detail);
    }
    return writer.append(client, new AuditRecord(clock.instant(), actor.userId(), actor.username(), ip(rc),
        Requests.requestId(rc), PLUGIN, target.county(), action, OBJECT_TYPE, String.valueOf(target.id()),
        AuditRecord.SUCCESS, full));
  }

  static String ip(RoutingContext rc) {
    return rc == null || rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
  }
}
