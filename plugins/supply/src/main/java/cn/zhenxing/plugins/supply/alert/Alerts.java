package cn.zhenxing.plugins.supply.alert;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.notify.Notification;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;

/**
 * Raises alerts: stores the row and, the first time only, notifies the county. A county notification also reaches
 * the city's accounts (they cover every county), so one notification informs both county and city.
 */
public final class Alerts {

  private final PluginContext ctx;

  public Alerts(PluginContext ctx) {
    this.ctx = ctx;
  }

  /** @return whether the alert is new (and was notified) */
  public Future<Boolean> raise(SqlConnection conn, Alert a) {
    return conn.preparedQuery("INSERT INTO supply.alert (county_code, kind, subject, period, product, point_id, value,"
            + " reference, message, raised_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
            + " ON CONFLICT (county_code, kind, subject, period) DO NOTHING RETURNING id")
        .execute(Tuple.from(new Object[] {a.county(), a.kind(), a.subject(), a.period(), a.product(), a.pointId(),
            a.value(), a.reference(), a.message(), ctx.clock().instant().atOffset(ZoneOffset.UTC)}))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          long id = rows.iterator().next().getLong("id");
          return ctx.notifications().send(conn, Notification.toCounty(a.county(), a.kind(), a.title(), a.message())
                  .level(Notification.Level.WARNING)
                  .link("/api/v1/supply/counties/" + a.county() + "/alerts?kind=" + a.kind()))
              .map(n -> true);
        });
  }
}
