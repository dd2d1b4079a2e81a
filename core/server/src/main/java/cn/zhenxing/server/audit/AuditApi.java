package cn.zhenxing.server.audit;

import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.server.http.Responses;
import cn.zhenxing.server.security.CoreAccess;
import cn.zhenxing.server.security.PermissionRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/v1/audit}, for holders of {@link PermissionRegistry#AUDIT_READ} (the auditor):
 * <ul>
 *   <li>{@code GET /audit?from=&to=&user=&county=&plugin=&action=&result=&limit=&offset=}: rows newest first,
 *       {@code {"items": [...], "total", "limit", "offset"}} like every list; times are ISO-8601 ({@code from} inclusive,
 *       {@code to} exclusive), {@code limit} at most 500; a bad parameter answers 400 naming it;</li>
 *   <li>{@code GET /audit/verify}: recomputes the hash chain, {@code {"valid", "checked", "firstBrokenId",
 *       "reason", "headId", "headHash", "pruned"}} (see {@link AuditChain}).</li>
 * </ul>
 * Both are audited themselves (plugin {@code core}, object type {@code audit_log}, actions {@code query} and
 * {@code verify}): the auditor's reading is traceable too.
 */
public final class AuditApi {

  private static final String COLUMNS = "id, at, user_id, username, ip, request_id, plugin, county, action, "
      + "object_type, object_id, result, detail, hash";

  private final Pool pool;
  private final CoreAccess access;
  private final AuditTrail audit;
  private final AuditChain chain;
  private final ZoneId zone;

  public AuditApi(Pool pool, CoreAccess access, AuditTrail audit, ZoneId zone) {
    this.pool = pool;
    this.access = access;
    this.audit = audit;
    this.chain = new AuditChain(pool);
    this.zone = zone;
  }

  public void mount(Router api) {
    api.get("/audit").handler(access.require(PermissionRegistry.AUDIT_READ)).handler(this::query);
    api.get("/audit/verify").handler(access.require(PermissionRegistry.AUDIT_READ)).handler(this::verify);
  }

  private void query(RoutingContext rc) {
    AuditQuery q = AuditQuery.parse(rc.queryParams(), zone);
    AuditQuery.Where where = q.where();
    List<Object> pageValues = new ArrayList<>(where.values());
    pageValues.add(q.limit());
    pageValues.add(q.offset());
    int n = where.values().size();
    Future<Long> total = pool.preparedQuery("SELECT count(*) AS total FROM core.audit_log" + where.sql())
        .execute(Tuple.from(where.values()))
        .map(rows -> rows.iterator().next().getLong("total"));
    Future<JsonArray> items = pool.preparedQuery("SELECT " + COLUMNS + " FROM core.audit_log" + where.sql()
            + " ORDER BY at DESC, id DESC LIMIT $" + (n + 1) + " OFFSET $" + (n + 2))
        .execute(Tuple.from(pageValues))
        .map(rows -> {
          JsonArray list = new JsonArray();
          rows.forEach(row -> list.add(toJson(row)));
          return list;
        });
    Future.all(total, items)
        .compose(all -> audit.append(pool, audit.fromRequest(rc, AuditTrail.CORE,
            new AuditEntry("query", "audit_log", null, filters(q).put("total", total.result()))))
            .map(all))
        .onSuccess(all -> Responses.json(rc, 200,
            new Page(q.limit(), q.offset()).answer(items.result(), total.result())))
        .onFailure(rc::fail);
  }

  private void verify(RoutingContext rc) {
    chain.verify()
        .compose(result -> audit.append(pool, audit.fromRequest(rc, AuditTrail.CORE,
            new AuditEntry("verify", "audit_log", null, result.copy()))).map(result))
        .onSuccess(result -> Responses.json(rc, 200, result))
        .onFailure(rc::fail);
  }

  private JsonObject toJson(Row row) {
    OffsetDateTime at = row.getOffsetDateTime("at");
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("at", at.atZoneSameInstant(zone).toOffsetDateTime().toString())
        .put("userId", row.getLong("user_id"))
        .put("username", row.getString("username"))
        .put("ip", row.getString("ip"))
        .put("requestId", row.getString("request_id"))
        .put("plugin", row.getString("plugin"))
        .put("county", row.getString("county"))
        .put("action", row.getString("action"))
        .put("objectType", row.getString("object_type"))
        .put("objectId", row.getString("object_id"))
        .put("result", row.getString("result"))
        .put("detail", row.getValue("detail"))
        .put("hash", AuditChain.hex(row.getBuffer("hash")));
  }

  private static JsonObject filters(AuditQuery q) {
    JsonObject f = new JsonObject();
    if (q.from() != null) {
      f.put("from", q.from().toString());
    }
    if (q.to() != null) {
      f.put("to", q.to().toString());
    }
    f.put("user", q.user()).put("county", q.county()).put("plugin", q.plugin()).put("action", q.action())
        .put("result", q.result()).put("limit", q.limit()).put("offset", q.offset());
    return f;
  }
}
