package cn.zhenxing.testkit.event;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * The event tests' publisher. {@code POST /api/v1/courier/counties/:county/parcels} with
 * {@code {"ref": "a", "count": 1, "mode": "ok|flaky|poison", "type": "parcel-sent", "rollback": false}} writes
 * {@code count} parcels and publishes one {@code courier.<type>} event per parcel, all in one transaction; with
 * {@code rollback} it then fails (409), so neither the parcels nor the events exist.
 */
public final class CourierPlugin implements ZhenxingPlugin {

  public static final String ID = "courier";
  public static final String SENT = "courier.parcel-sent";

  private PluginContext ctx;

  @Override
  public void register(PluginContext context) {
    this.ctx = context;
    context.http().county().post("/parcels").handler(this::send);
  }

  private void send(RoutingContext rc) {
    JsonObject body = Requests.jsonBody(rc);
    String county = Requests.county(rc).code();
    String ref = body.getString("ref", "parcel");
    int count = body.getInteger("count", 1);
    String type = ID + "." + body.getString("type", "parcel-sent");
    boolean rollback = body.getBoolean("rollback", false);
    ctx.pool().withTransaction(conn -> {
      Future<Void> chain = Future.succeededFuture();
      for (int i = 0; i < count; i++) {
        String parcelRef = count == 1 ? ref : ref + "-" + i;
        chain = chain.compose(v -> send(conn, county, parcelRef, type, body.getString("mode", "ok")));
      }
      return chain.compose(v -> rollback
          ? Future.failedFuture(Problem.conflict("rolled back on purpose / 按要求回滚")) : Future.succeededFuture());
    }).onSuccess(v -> rc.response().setStatusCode(201).end())
        .onFailure(rc::fail);
  }

  private Future<Void> send(SqlConnection conn, String county, String ref, String type, String mode) {
    return conn.preparedQuery("INSERT INTO courier.parcel (ref, county_code) VALUES ($1, $2)")
        .execute(Tuple.of(ref, county))
        .compose(rows -> ctx.events().publish(conn, type, county, new JsonObject().put("ref", ref).put("mode", mode)))
        .mapEmpty();
  }
}
