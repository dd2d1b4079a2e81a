package cn.zhenxing.server.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * Appends to the audit log. Pass the connection of the transaction the audited change runs in, so both commit or
 * neither; pass the pool for events that stand alone (a failed login, an authorisation failure).
 */
public interface AuditWriter {
  Future<Void> append(SqlClient client, AuditRecord record);
}
