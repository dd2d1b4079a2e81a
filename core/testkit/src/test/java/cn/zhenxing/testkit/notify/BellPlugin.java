package cn.zhenxing.testkit.notify;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.notify.Notification;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;

/**
 * The notification tests' sender. {@code POST /api/v1/bell/counties/:county/rings} with
 * {@code {"title": "…", "body": "…", "level": "INFO|WARNING|URGENT", "city": false, "rollback": false}} records a
 * ring and sends a notification to the county (or, with {@code city}, to the city) in one transaction; with
 * {@code rollback} it then fails (409), so neither exists.
 */
public final class BellPlugin implements ZhenxingPlugin {

  public static final String ID = "bell";

  private PluginContext ctx;

  @Override
  public void register(PluginContext context) {
    this.ctx = context;
    context.http().county().post("/rings").handler(this::ring);
  }

  private void ring(RoutingContext rc) {
    JsonObject body = Requests.jsonBody(rc);
    String county = Requests.county(rc).code();
    String title = body.getString("title", "响铃 / Ring");
    Notification.Level level = Notification.Level.valueOf(body.getString("level", "INFO"));
    Notification notification = (body.getBoolean("city", false)
        ? Notification.toCity("ring", title, body.getString("body"))
        : Notification.toCounty(county, "ring", title, body.getString("body")))
        .level(level).area("东阳镇", "车辋村").link("/api/v1/bell/counties/" + county + "/rings");
    ctx.pool().withTransaction(conn -> conn
            .preparedQuery("INSERT INTO bell.ring (county_code, title) VALUES ($1, $2)")
            .execute(Tuple.of(county, title))
            .compose(rows -> ctx.notifications().send(conn, notification))
            .recover(e -> Future.failedFuture(e instanceof IllegalArgumentException
                ? Problem.invalid("body", e.getMessage()) : e))
            .compose(id -> body.getBoolean("rollback", false)
                ? Future.failedFuture(Problem.conflict("rolled back on purpose / 按要求回滚"))
                : Future.succeededFuture(id)))
        .onSuccess(id -> rc.response().setStatusCode(201).end(new JsonObject().put("id", id).encode()))
        .onFailure(rc::fail);
  }
}
