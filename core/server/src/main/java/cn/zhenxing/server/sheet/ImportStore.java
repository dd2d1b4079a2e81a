package cn.zhenxing.server.sheet;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The import jobs as every server process sees them: {@code core.sheet_import} and its error rows (migration
 * {@code V5__sheet_imports.sql}). The process running a job inserts it, ticks its progress (which also answers
 * whether a cancel was asked for, possibly through another process), moves it to the merge under the row lock and
 * writes its end; readers on any process answer from here. A running job whose last tick is older than
 * {@link #STALE} belongs to a process that stopped: it reads as {@code failed}.
 *
 * <p>Reactive methods use the pool (event loop); the {@code *Blocking} ones JDBC, on the import's worker thread.
 */
final class ImportStore {

  /** A running job not ticked for this long has lost its process. */
  static final String STALE = "2 minutes";
  /** The most rejected rows (with their cells) kept for the errors.xlsx report. */
  static final int REPORT_ROWS = 10_000;
  static final String STALE_MESSAGE = "处理该任务的服务进程已停止，未写入任何数据，请重新导入 / The server process running "
      + "this import stopped; nothing was written: import the file again";
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  private final Pool pool;
  private final DataSource dataSource;
  private final String instanceId;

  ImportStore(Pool pool, DataSource dataSource, String instanceId) {
    this.pool = pool;
    this.dataSource = dataSource;
    this.instanceId = instanceId;
  }

  /** Whether a path's job id can be one of ours (anything else is answered 404 without a query). */
  static java.util.UUID uuid(String id) {
    return java.util.UUID.fromString(id.substring(0, 8) + "-" + id.substring(8, 12) + "-" + id.substring(12, 16)
        + "-" + id.substring(16, 20) + "-" + id.substring(20));
  }

  static boolean validId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  Future<Void> insert(ImportJob job, Long userId, String fileName, String fileType) {
    return pool.preparedQuery("INSERT INTO core.sheet_import (id, plugin, register, county, user_id, file_name,"
            + " file_type, dry_run, state, phase, instance_id, started_at, updated_at)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'running', 'reading', $9, $10, now())")
        .execute(Tuple.from(new Object[] {uuid(job.id), job.pluginId, job.register, job.countyCode, userId, fileName,
            fileType, job.dryRun, instanceId, OffsetDateTime.ofInstant(job.createdAt, java.time.ZoneOffset.UTC)}))
        .mapEmpty();
  }

  /**
   * Writes a running job's counters and answers whether it must stop: a cancel was asked for, or the row is no
   * longer running (the sweep gave it up as failed).
   */
  Future<Boolean> tick(ImportJob job) {
    return pool.preparedQuery("UPDATE core.sheet_import SET rows_read = $2, rows_valid = $3, rows_rejected = $4,"
            + " error_count = $5, updated_at = now()"
            + " WHERE id = $1 AND state = 'running' RETURNING cancel_requested")
        .execute(Tuple.of(uuid(job.id), job.rowsRead.get(), job.rowsValid.get(), job.rowsRejected.get(),
            job.errorCount.get()))
        .map(rows -> !rows.iterator().hasNext() || rows.iterator().next().getBoolean(0));
  }

  /** Moves the job to its merge unless a cancel is recorded; the row lock orders it against the cancel. */
  boolean beginMergeBlocking(String id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement("UPDATE core.sheet_import SET phase = 'merging', updated_at = now()"
            + " WHERE id = ?::uuid AND state = 'running' AND NOT cancel_requested")) {
      c.setAutoCommit(true);
      st.setString(1, id);
      return st.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not record the merge of import " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the end of a job in one transaction: the first {@link #REPORT_ROWS} rejected rows from its error file,
   * then its final state, counters and first errors (a row the sweep already failed keeps that state).
   */
  void finishBlocking(ImportJob job) throws SQLException, IOException {
    JsonArray errors = new JsonArray();
    job.errorsShown().forEach(e -> errors.add(e.toJson()));
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        int stored = 0;
        if (Files.exists(job.errorFile)) {
          try (BufferedReader lines = Files.newBufferedReader(job.errorFile, StandardCharsets.UTF_8);
              PreparedStatement st = c.prepareStatement("INSERT INTO core.sheet_import_error_row (import_id, seq,"
                  + " row_no, cells, errors) VALUES (?::uuid, ?, ?, ?::jsonb, ?::jsonb)")) {
            String line;
            while (stored < REPORT_ROWS && (line = lines.readLine()) != null) {
              JsonObject e = new JsonObject(line.replace("\\u0000", ""));
              st.setString(1, job.id);
              st.setInt(2, stored);
              st.setInt(3, e.getInteger("row", 0));
              st.setString(4, e.getJsonArray("cells", new JsonArray()).encode());
              st.setString(5, e.getJsonArray("errors", new JsonArray()).encode());
              st.addBatch();
              if (++stored % 500 == 0) {
                st.executeBatch();
              }
            }
            st.executeBatch();
          }
        }
        try (PreparedStatement st = c.prepareStatement("UPDATE core.sheet_import SET state = ?, phase = 'done',"
            + " message = ?, rows_read = ?, rows_valid = ?, rows_rejected = ?, rows_merged = ?, error_count = ?,"
            + " errors = ?::jsonb, report_rows = ?, finished_at = now(), updated_at = now()"
            + " WHERE id = ?::uuid AND state = 'running'")) {
          st.setString(1, job.state().label());
          String message = job.message();
          st.setString(2, message == null ? null : message.length() > 2000 ? message.substring(0, 2000) : message);
          st.setLong(3, job.rowsRead.get());
          st.setLong(4, job.rowsValid.get());
          st.setLong(5, job.rowsRejected.get());
          st.setLong(6, job.rowsMerged());
          st.setLong(7, job.errorCount.get());
          st.setString(8, errors.encode().replace("\\u0000", ""));
          st.setInt(9, stored);
          st.setString(10, job.id);
          st.executeUpdate();
        }
        c.commit();
      } catch (SQLException | IOException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The job as the client sees it, or null when there is none of this plugin, register and county. */
  Future<JsonObject> read(String id, String pluginId, String register, String county) {
    if (!validId(id)) {
      return Future.succeededFuture(null);
    }
    return pool.preparedQuery("SELECT register, county, dry_run, state, phase, message, cancel_requested, rows_read,"
            + " rows_valid, rows_rejected, rows_merged, error_count, errors, report_rows, file_name, file_type,"
            + " started_at, updated_at, finished_at,"
            + " (state = 'running' AND updated_at < now() - interval '" + STALE + "') AS stale"
            + " FROM core.sheet_import WHERE id = $1 AND plugin = $2 AND register = $3 AND county = $4")
        .execute(Tuple.of(uuid(id), pluginId, register, county))
        .map(rows -> rows.iterator().hasNext() ? toJson(id, rows.iterator().next()) : null);
  }

  private static JsonObject toJson(String id, Row row) {
    boolean stale = row.getBoolean("stale");
    JsonArray errors = row.getJsonArray("errors");
    long errorCount = row.getLong("error_count");
    OffsetDateTime finished = row.getOffsetDateTime("finished_at");
    return new JsonObject()
        .put("id", id)
        .put("register", row.getString("register"))
        .put("county", row.getString("county"))
        .put("dryRun", row.getBoolean("dry_run"))
        .put("state", stale ? "failed" : row.getString("state"))
        .put("phase", stale ? "done" : row.getString("phase"))
        .put("cancelRequested", row.getBoolean("cancel_requested"))
        .put("rowsRead", row.getLong("rows_read"))
        .put("rowsValid", row.getLong("rows_valid"))
        .put("rowsRejected", row.getLong("rows_rejected"))
        .put("rowsMerged", row.getLong("rows_merged"))
        .put("errorCount", errorCount)
        .put("errorsTruncated", errorCount > errors.size())
        .put("errors", errors)
        .put("reportRows", row.getInteger("report_rows"))
        .put("message", stale ? STALE_MESSAGE : row.getString("message"))
        .put("fileName", row.getString("file_name"))
        .put("fileType", row.getString("file_type"))
        .put("createdAt", row.getOffsetDateTime("started_at").toInstant().toString())
        .put("updatedAt", row.getOffsetDateTime("updated_at").toInstant().toString())
        .put("finishedAt", finished == null ? null : finished.toInstant().toString());
  }

  /** The outcome of a cancel request. */
  enum Cancel { REQUESTED, TOO_LATE, NOT_FOUND }

  /** Records a cancel for a running job still reading; a merging, finished or stale job is too late. */
  Future<Cancel> requestCancel(String id, String pluginId, String register, String county) {
    if (!validId(id)) {
      return Future.succeededFuture(Cancel.NOT_FOUND);
    }
    return pool.preparedQuery("WITH job AS (SELECT id FROM core.sheet_import WHERE id = $1 AND plugin = $2"
            + " AND register = $3 AND county = $4),"
            + " cancelled AS (UPDATE core.sheet_import s SET cancel_requested = true FROM job WHERE s.id = job.id"
            + " AND s.state = 'running' AND s.phase = 'reading'"
            + " AND s.updated_at >= now() - interval '" + STALE + "' RETURNING s.id)"
            + " SELECT (SELECT count(*) FROM job) AS found, (SELECT count(*) FROM cancelled) AS cancelled")
        .execute(Tuple.of(uuid(id), pluginId, register, county))
        .map(rows -> {
          Row row = rows.iterator().next();
          return row.getLong("found") == 0 ? Cancel.NOT_FOUND
              : row.getLong("cancelled") == 0 ? Cancel.TOO_LATE : Cancel.REQUESTED;
        });
  }

  /** Writes the stored rejected rows of a job as the error file {@link ErrorReport} reads. Blocking. */
  void writeErrorFileBlocking(String id, Path file) throws SQLException, IOException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement("SELECT row_no, cells::text, errors::text"
            + " FROM core.sheet_import_error_row WHERE import_id = ?::uuid ORDER BY seq");
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      c.setAutoCommit(false); // a cursor: fetch size applies only inside a transaction
      st.setFetchSize(1000);
      st.setString(1, id);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.write(new JsonObject().put("row", rs.getInt(1)).put("cells", new JsonArray(rs.getString(2)))
              .put("errors", new JsonArray(rs.getString(3))).encode());
          out.write('\n');
        }
      }
      c.commit();
    }
  }
}
