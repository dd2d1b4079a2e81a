package cn.zhenxing.plugins.supply.support;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog;
import cn.zhenxing.sdk.http.Answers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Function;

/**
 * One audited transaction per write request: the work answers the written record as JSON, its {@code id} becomes
 * the audit entry's object id, and the answer goes out only after both committed.
 */
public final class Writes {

  private final PluginContext ctx;

  public Writes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void audited(RoutingContext rc, int status, String action, String objectType,
      Function<SqlConnection, Future<JsonObject>> work) {
    ctx.audit().inTransaction(rc, conn -> work.apply(conn).map(json -> new AuditLog.Audited<>(json,
            AuditEntry.of(action, objectType, json.getValue("id")).withDetail(detail(json)))))
        .onSuccess(json -> Answers.json(rc, status, json))
        .onFailure(rc::fail);
  }

  /** The written record without free text, so the audit log keeps the facts and not prose. */
  private static JsonObject detail(JsonObject json) {
    JsonObject detail = new JsonObject();
    json.forEach(e -> {
      if (e.getValue() instanceof Number || e.getValue() instanceof Boolean || e.getKey().endsWith("On")
          || e.getKey().equals("product") || e.getKey().equals("status") || e.getKey().equals("kind")) {
        detail.put(e.getKey(), e.getValue());
      }
    });
    return detail;
  }
}
