package cn.zhenxing.server.audit;

import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.server.Futures;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit log ({@code core.audit_log}, migration {@code V3__audit.sql}).
 *
 * <p>The database does the rest: a BEFORE INSERT trigger numbers the row and chains it to the previous one
 * (SHA-256 over the previous hash and the row's fields) while holding the one-row chain head locked, and other
 * triggers refuse UPDATE, DELETE and TRUNCATE. Because the chain head stays locked until the inserting transaction
 * ends, audit inserts of concurrent transactions queue behind each other until commit: record the audit row as the
 * <em>last</em> statement of a transaction, as {@link AuditLog#inTransaction} does.
 *
 * <p>A failed audit write fails the caller's future with a 500 problem ({@code /problems/audit-failed}); in a
 * transaction this rolls back the audited change with it.
 */
public final class AuditTrail implements AuditWriter {

  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

  static final String INSERT = "INSERT INTO core.audit_log (at, user_id, username, ip, request_id, plugin, county, "
      + "action, object_type, object_id, result, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

  /** The plugin name the core's own entries carry. */
  public static final String CORE = "core";

  private final Pool pool;
  private final Clock clock;

  public AuditTrail(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  @Override
  public Future<Void> append(SqlClient client, AuditRecord record) {
    Future<Void> written;
    try {
      written = client.preparedQuery(INSERT).execute(tuple(record)).mapEmpty();
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    return written.recover(e -> {
      LOG.error("Could not write the audit record {} {} {} of {}: {}", record.plugin(), record.action(),
          record.objectType(), record.requestId(), e.getMessage());
      return Future.failedFuture(failure());
    });
  }

  /** The SDK view for one plugin: entries carry {@code pluginId} and the request's user, county, IP and id. */
  public AuditLog forPlugin(String pluginId) {
    return new AuditLog() {
      @Override
      public <T> Future<T> inTransaction(RoutingContext request,
          Function<SqlConnection, Future<Audited<T>>> work) {
        return pool.withTransaction(conn -> Futures.attempt(() -> work.apply(conn)).compose(done -> {
          if (done == null || done.entry() == null) {
            return Future.failedFuture(new IllegalStateException("audited work of plugin " + pluginId
                + " answered no audit entry; nothing was committed"));
          }
          return append(conn, fromRequest(request, pluginId, done.entry())).map(v -> done.value());
        }));
      }

      @Override
      public Future<Void> record(SqlConnection connection, RoutingContext request, AuditEntry entry) {
        if (entry == null) {
          return Future.failedFuture(new IllegalArgumentException("entry"));
        }
        return append(connection, fromRequest(request, pluginId, entry));
      }
    };
  }

  /**
   * A successful entry of {@code plugin} ({@value #CORE} for the core) attributed to the request: its user (if
   * any), client address, request id and county (if it is a county route).
   */
  public AuditRecord fromRequest(RoutingContext rc, String plugin, AuditEntry entry) {
    return AuditRecord.forRequest(clock, rc, plugin, null, entry.action(), entry.objectType(), entry.objectId(),
        AuditRecord.SUCCESS, entry.detail());
  }

  /** The address of the request's client, or null when unknown. */
  public static String clientAddress(RoutingContext rc) {
    return rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
  }

  /** The 500 answered when an audit record cannot be written (so the audited change did not happen either). */
  static Problem failure() {
    return new Problem(500, "/problems/audit-failed", "审计记录失败 / Audit record failed",
        "无法写入审计日志，操作未执行 / The audit record could not be written, so the change was not made");
  }

  /**
   * The insert's parameters. Values that come from the request (user name, address, request id, county, object
   * id) are clipped to their column's length, so an oversized request cannot make its own audit record fail; the
   * rest (plugin, action, object type, result) comes from code and is checked strictly by the database.
   */
  static Tuple tuple(AuditRecord r) {
    return Tuple.from(Arrays.asList(
        r.at() == null ? null : r.at().atOffset(ZoneOffset.UTC),
        r.userId(),
        clip(r.username(), 128),
        clip(r.ip(), 64),
        clip(r.requestId(), 128),
        r.plugin(),
        clip(r.county(), 32),
        r.action(),
        r.objectType(),
        clip(r.objectId(), 1000),
        r.result(),
        r.detail()));
  }

  static String clip(String value, int max) {
    if (value == null || value.codePointCount(0, value.length()) <= max) {
      return value;
    }
    return value.substring(0, value.offsetByCodePoints(0, max - 1)) + "…";
  }
}
