package cn.zhenxing.server.notify;

import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.security.Principal;
import cn.zhenxing.server.audit.AuditRecord;
import cn.zhenxing.server.audit.AuditWriter;
import cn.zhenxing.server.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/inbox}: the notifications addressed to the caller, newest first, and marking them read.
 *
 * <p>Who sees what follows the data rules: a county notification reaches the accounts that cover its county and
 * may read the plugin that sent it; a city notification reaches city accounts that may read the plugin. Read state
 * is per account.
 */
public final class InboxApi {

  private static final Set<String> LEVELS = Set.of("info", "warning", "urgent");

  private final Pool pool;
  private final AuditWriter audit;
  private final Clock clock;

  public InboxApi(Pool pool, AuditWriter audit, Clock clock) {
    this.pool = pool;
    this.audit = audit;
    this.clock = clock;
  }

  public void mount(Router api) {
    api.get("/inbox").handler(this::list);
    api.post("/inbox/read-all").handler(this::readAll);
    api.post("/inbox/:id/read").handler(this::read);
  }

  /** The visibility rule as SQL over {@code core.notification n}: parameters $1 (plugins), $2 (city?), $3 (county). */
  private static final String VISIBLE = "n.plugin = ANY($1::text[]) AND ($2::boolean OR n.county = $3)";

  private static List<Object> visibility(Principal principal) {
    String[] plugins = principal.permissions().stream()
        .filter(p -> p.endsWith(".read") && p.indexOf('.') == p.lastIndexOf('.') && !p.startsWith("core."))
        .map(p -> p.substring(0, p.length() - ".read".length())).sorted().toArray(String[]::new);
    List<Object> params = new ArrayList<>();
    params.add(plugins);
    params.add(principal.cityLevel());
    params.add(principal.countyCode());
    return params;
  }

  private void list(RoutingContext rc) {
    Principal principal = Requests.principal(rc);
    Page page = Page.of(rc);
    List<Object> params = visibility(principal);
    params.add(principal.userId());
    StringBuilder where = new StringBuilder(VISIBLE);
    filter(rc, "plugin", "n.plugin", params, where);
    filter(rc, "kind", "n.kind", params, where);
    filter(rc, "county", "n.county", params, where);
    String level = rc.queryParams().get("level");
    if (level != null && !LEVELS.contains(level)) {
      throw Problem.invalid("level", "取值应为 info、warning、urgent 之一 / must be info, warning or urgent");
    }
    filter(rc, "level", "n.level", params, where);
    String unread = rc.queryParams().get("unread");
    if (unread != null && !unread.equals("true") && !unread.equals("false")) {
      throw Problem.invalid("unread", "应为 true 或 false / must be true or false");
    }
    if ("true".equals(unread)) {
      where.append(" AND r.read_at IS NULL");
    }
    List<Object> countParams = visibility(principal);
    countParams.add(principal.userId());
    Future<Long> unreadCount = pool.preparedQuery("SELECT count(*) AS unread FROM core.notification n"
            + " LEFT JOIN core.notification_read r ON r.notification_id = n.id AND r.account_id = $4"
            + " WHERE " + VISIBLE + " AND r.read_at IS NULL")
        .execute(Tuple.from(countParams)).map(rows -> rows.iterator().next().getLong("unread"));
    List<Object> filterParams = List.copyOf(params);
    params.add(page.limit());
    params.add(page.offset());
    Future<JsonObject> answer = pool.preparedQuery("SELECT n.id, n.plugin, n.county, n.kind, n.level, n.title,"
            + " n.body, n.link, n.township, n.village, n.created_at, r.read_at, count(*) OVER () AS total"
            + " FROM core.notification n"
            + " LEFT JOIN core.notification_read r ON r.notification_id = n.id AND r.account_id = $4"
            + " WHERE " + where + " ORDER BY n.id DESC LIMIT $" + (params.size() - 1) + " OFFSET $" + params.size())
        .execute(Tuple.from(params))
        .compose(rows -> {
          JsonArray array = new JsonArray();
          long total = 0;
          for (Row row : rows) {
            total = row.getLong("total");
            array.add(toJson(row));
          }
          // A page past the end has no row to carry the total: count separately.
          Future<Long> counted = array.isEmpty() && page.offset() > 0 ? count(where.toString(), filterParams)
              : Future.succeededFuture(total);
          return counted.map(n -> page.answer(array, n));
        });
    Future.all(answer, unreadCount)
        .onSuccess(all -> Responses.json(rc, 200, answer.result().put("unread", unreadCount.result())))
        .onFailure(rc::fail);
  }

  private Future<Long> count(String where, List<Object> params) {
    return pool.preparedQuery("SELECT count(*) AS total FROM core.notification n LEFT JOIN core.notification_read r"
            + " ON r.notification_id = n.id AND r.account_id = $4 WHERE " + where)
        .execute(Tuple.from(params)).map(rows -> rows.iterator().next().getLong("total"));
  }

  private static void filter(RoutingContext rc, String param, String column, List<Object> params,
      StringBuilder where) {
    String value = rc.queryParams().get(param);
    if (value != null && !value.isBlank()) {
      params.add(value.strip());
      where.append(" AND ").append(column).append(" = $").append(params.size());
    }
  }

  private void read(RoutingContext rc) {
    Principal principal = Requests.principal(rc);
    long id = notificationId(rc);
    List<Object> params = visibility(principal);
    params.add(id);
    params.add(principal.userId());
    params.add(clock.instant().atOffset(ZoneOffset.UTC));
    pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO core.notification_read (notification_id,"
                + " account_id, read_at) SELECT n.id, $5, $6 FROM core.notification n WHERE n.id = $4 AND " + VISIBLE
                + " ON CONFLICT DO NOTHING RETURNING (SELECT county FROM core.notification WHERE id = $4) AS county")
            .execute(Tuple.from(params))
            .compose(rows -> {
              if (rows.rowCount() == 0) {
                return visible(conn, principal, id).compose(seen -> seen ? Future.succeededFuture()
                    : Future.failedFuture(Problem.notFound("通知 " + id + " 不存在 / No notification " + id)));
              }
              String county = rows.iterator().next().getString("county");
              return audit.append(conn, AuditRecord.forRequest(clock, rc, "core", county, "read", "notification",
                  Long.toString(id), AuditRecord.SUCCESS, null));
            }))
        .onSuccess(v -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  private Future<Boolean> visible(SqlClient client, Principal principal, long id) {
    List<Object> params = visibility(principal);
    params.add(id);
    return client.preparedQuery("SELECT 1 FROM core.notification n WHERE n.id = $4 AND " + VISIBLE)
        .execute(Tuple.from(params)).map(rows -> rows.size() > 0);
  }

  private void readAll(RoutingContext rc) {
    Principal principal = Requests.principal(rc);
    List<Object> params = visibility(principal);
    params.add(principal.userId());
    params.add(clock.instant().atOffset(ZoneOffset.UTC));
    pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO core.notification_read (notification_id,"
                + " account_id, read_at) SELECT n.id, $4, $5 FROM core.notification n WHERE " + VISIBLE
                + " ON CONFLICT DO NOTHING")
            .execute(Tuple.from(params))
            .compose(rows -> {
              int marked = rows.rowCount();
              Future<Void> audited = marked == 0 ? Future.succeededFuture()
                  : audit.append(conn, AuditRecord.forRequest(clock, rc, "core", null, "read-all", "notification",
                      null, AuditRecord.SUCCESS, new JsonObject().put("marked", marked)));
              return audited.map(v -> marked);
            }))
        .onSuccess(marked -> Responses.json(rc, 200, new JsonObject().put("marked", marked)))
        .onFailure(rc::fail);
  }

  private static long notificationId(RoutingContext rc) {
    try {
      return Long.parseLong(rc.pathParam("id"));
    } catch (NumberFormatException e) {
      throw Problem.notFound("通知 " + rc.pathParam("id") + " 不存在 / No notification " + rc.pathParam("id"));
    }
  }

  private static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("plugin", row.getString("plugin"))
        .put("county", row.getString("county"))
        .put("kind", row.getString("kind"))
        .put("level", row.getString("level"))
        .put("title", row.getString("title"))
        .put("body", row.getString("body"))
        .put("link", row.getString("link"))
        .put("township", row.getString("township"))
        .put("village", row.getString("village"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("read", row.getValue("read_at") != null);
  }
}
