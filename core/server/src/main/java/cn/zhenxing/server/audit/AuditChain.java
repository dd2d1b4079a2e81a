package cn.zhenxing.server.audit;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HexFormat;

/**
 * Verifies the audit log's hash chain, in the database and page by page (never the whole log in memory), on one
 * consistent snapshot.
 *
 * <p>Walking ids upwards from the genesis (id 0, {@code core.audit_genesis()}), every row must
 * <ul>
 *   <li>carry the hash recomputed from its fields and prev_hash ({@code core.audit_row_hash}), else
 *       {@code altered};</li>
 *   <li>follow the previous row directly (id + 1, prev_hash = its hash), else {@code relinked};</li>
 *   <li>or follow a run of pruned ids recorded in {@code core.audit_gap} exactly (the run starts right after the
 *       previous row, ends right before this one, and this row's prev_hash is the hash the last pruned row had),
 *       else {@code missing}.</li>
 * </ul>
 * Finally the last row (or the pruned run after it) must be the chain head: rows removed from the end are
 * {@code missing}, a head that matches no row is {@code head-mismatch}.
 */
public final class AuditChain {

  /** Rows per page: a few MB of hashing per statement. */
  static final int PAGE = 5000;

  private static final String PAGE_SQL = """
      WITH page AS (
        SELECT l.id, l.prev_hash, l.hash, core.audit_row_hash(l) AS recomputed
        FROM core.audit_log l WHERE l.id > $1 ORDER BY l.id LIMIT $2
      ), linked AS (
        SELECT p.*, coalesce(lag(p.id) OVER w, $1) AS before_id, coalesce(lag(p.hash) OVER w, $3) AS before_hash
        FROM page p WINDOW w AS (ORDER BY p.id)
      ), judged AS (
        SELECT k.id, k.hash,
          CASE
            WHEN k.hash IS DISTINCT FROM k.recomputed THEN 'altered'
            WHEN k.id = k.before_id + 1 THEN CASE WHEN k.prev_hash = k.before_hash THEN NULL ELSE 'relinked' END
            WHEN EXISTS (SELECT 1 FROM core.audit_gap g WHERE g.first_id = k.before_id + 1 AND g.last_id = k.id - 1
                AND g.last_hash = k.prev_hash) THEN NULL
            ELSE 'missing'
          END AS fault
        FROM linked k
      ), first_fault AS (
        SELECT id, fault FROM judged WHERE fault IS NOT NULL ORDER BY id LIMIT 1
      )
      SELECT count(*) AS n,
        (SELECT id FROM first_fault) AS broken_id,
        (SELECT fault FROM first_fault) AS fault,
        count(*) FILTER (WHERE id <= coalesce((SELECT id FROM first_fault), id)) AS checked,
        max(id) AS last_id,
        (array_agg(hash ORDER BY id DESC))[1] AS last_hash
      FROM judged""";

  private final Pool pool;
  private final int pageSize;

  public AuditChain(Pool pool) {
    this(pool, PAGE);
  }

  /** With another page size (tests use tiny pages to cross page boundaries). */
  public AuditChain(Pool pool, int pageSize) {
    this.pool = pool;
    this.pageSize = pageSize;
  }

  /**
   * Answers {@code {"valid", "checked", "firstBrokenId", "reason", "headId", "headHash", "pruned"}}:
   * {@code checked} counts the rows examined (up to the first broken one), {@code firstBrokenId} and
   * {@code reason} are null when valid, {@code headHash} (hex) can be noted outside the system to detect a
   * wholesale rewrite later, {@code pruned} counts ids removed by retention.
   */
  public Future<JsonObject> verify() {
    return pool.withTransaction(conn -> conn
        .query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
        .compose(v -> conn.query("SELECT h.last_id, h.last_hash, core.audit_genesis() AS genesis, "
            + "(SELECT coalesce(sum(last_id - first_id + 1), 0) FROM core.audit_gap) AS pruned "
            + "FROM core.audit_chain_head h").execute())
        .compose(rows -> {
          Row head = rows.iterator().next();
          Walk start = new Walk(0, head.getBuffer("genesis"), 0);
          return walk(conn, start).compose(end -> conclude(conn, end, head));
        }));
  }

  /** Where the walk has got to: the last row checked, its hash, how many rows so far; or the first fault. */
  private record Walk(long lastId, Buffer lastHash, long checked, Long brokenId, String fault) {
    Walk(long lastId, Buffer lastHash, long checked) {
      this(lastId, lastHash, checked, null, null);
    }
  }

  private Future<Walk> walk(SqlConnection conn, Walk at) {
    return conn.preparedQuery(PAGE_SQL).execute(Tuple.of(at.lastId(), pageSize, at.lastHash())).compose(rows -> {
      Row r = rows.iterator().next();
      long n = r.getLong("n");
      if (n == 0) {
        return Future.succeededFuture(at);
      }
      long checked = at.checked() + r.getLong("checked");
      if (r.getLong("broken_id") != null) {
        return Future.succeededFuture(new Walk(at.lastId(), at.lastHash(), checked, r.getLong("broken_id"),
            r.getString("fault")));
      }
      Walk next = new Walk(r.getLong("last_id"), r.getBuffer("last_hash"), checked);
      return n < pageSize ? Future.succeededFuture(next) : walk(conn, next);
    });
  }

  private Future<JsonObject> conclude(SqlConnection conn, Walk end, Row head) {
    long headId = head.getLong("last_id");
    Buffer headHash = head.getBuffer("last_hash");
    JsonObject answer = new JsonObject().put("headId", headId).put("headHash", hex(headHash))
        .put("pruned", head.getLong("pruned"));
    if (end.brokenId() != null) {
      return Future.succeededFuture(broken(answer, end, end.brokenId(), end.fault()));
    }
    if (end.lastId() == headId) {
      return Future.succeededFuture(end.lastHash().equals(headHash) ? valid(answer, end)
          : broken(answer, end, headId, "head-mismatch"));
    }
    if (end.lastId() > headId) {
      return Future.succeededFuture(broken(answer, end, headId + 1, "head-mismatch"));
    }
    // The newest ids are not in the table: fine only if they are one pruned run ending at the head.
    return conn.preparedQuery("SELECT 1 FROM core.audit_gap WHERE first_id = $1 AND last_id = $2 AND last_hash = $3")
        .execute(Tuple.of(end.lastId() + 1, headId, headHash))
        .map(rows -> rows.size() == 1 ? valid(answer, end) : broken(answer, end, end.lastId() + 1, "missing"));
  }

  private static JsonObject valid(JsonObject answer, Walk end) {
    return answer.put("valid", true).put("checked", end.checked()).putNull("firstBrokenId").putNull("reason");
  }

  private static JsonObject broken(JsonObject answer, Walk end, long id, String reason) {
    return answer.put("valid", false).put("checked", end.checked()).put("firstBrokenId", id).put("reason", reason);
  }

  static String hex(Buffer bytes) {
    return bytes == null ? null : HexFormat.of().formatHex(bytes.getBytes());
  }
}
