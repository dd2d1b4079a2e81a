package cn.zhenxing.sdk.data;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/** A step of seed or demo data, run by the host inside one transaction on {@code connection}. */
@FunctionalInterface
public interface DataStep {
  Future<Void> apply(SqlConnection connection);
}
