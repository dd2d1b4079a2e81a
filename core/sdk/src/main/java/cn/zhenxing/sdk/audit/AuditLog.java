package cn.zhenxing.sdk.audit;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Function;

/**
 * The audit log, as a plugin writes to it. Every business write records its entry in the same transaction as the
 * change, so that a change never exists without its audit row (if the audit write fails, the change rolls back).
 *
 * <p>The usual way is {@link #inTransaction}: it opens the transaction, runs the work, records the entry the work
 * answers, and commits both or neither.
 */
public interface AuditLog {

  /** The outcome of a piece of audited work: the value to answer and the entry to record. */
  record Audited<T>(T value, AuditEntry entry) {
  }

  /**
   * Runs {@code work} in one transaction and records its audit entry in it, attributed to the request's user,
   * county, IP and request id.
   */
  <T> Future<T> inTransaction(RoutingContext request, Function<SqlConnection, Future<Audited<T>>> work);

  /** Records an entry on a connection whose transaction the caller manages. */
  Future<Void> record(SqlConnection connection, RoutingContext request, AuditEntry entry);
}
