package cn.zhenxing.server.sheet;

import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.county.CountyRegistry;
import cn.zhenxing.sdk.personal.PersonalData;
import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.SheetCheck;
import cn.zhenxing.sdk.sheet.SheetMerge;
import cn.zhenxing.sdk.sheet.SheetSpec;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocking body of one import, run on a worker thread: read every row, validate, seal and encode them in batches
 * on the validation threads, COPY the valid ones into the staging table in file order as they come (its own JDBC
 * connection), find natural-key duplicates (with one query, only when the rows' key hashes say there may be any), run
 * the plugin's checks, then — only when nothing is wrong, nothing was cancelled and this is not a dry run — let the
 * plugin merge the staged rows in one transaction on the pool together with the audit entry. The staging table is
 * dropped in every case.
 */
final class ImportRun {

  private static final Logger LOG = LoggerFactory.getLogger(ImportRun.class);
  /** Validated batches held at once (waiting or being validated): bounds memory whatever the file's size. */
  private static final int IN_FLIGHT = 8;
  private static final long MERGE_TIMEOUT_MINUTES = 30;
  /**
   * Memory for the plugin's merge (a sort by the conflict key, hash joins), set LOCAL to its transaction: the default
   * 4 MB sorts a large import on disk. (Not for the duplicate check: with more memory PostgreSQL picks a hash
   * aggregate of array_agg states there, measured twice as slow as the sort it does by default.)
   */
  static final String WORK_MEM = "SET LOCAL work_mem = '64MB'";

  private final ImportJob job;
  private final SheetSpec spec;
  private final SheetMerge merge;
  private final String schema;
  private final County county;
  private final CountyRegistry counties;
  private final PersonalData personalData;
  private final DataSource dataSource;
  private final Pool pool;
  private final AuditLog audit;
  private final RoutingContext request;
  private final Clock clock;
  private final RowSource.Kind kind;
  private final WorkerExecutor validators;

  ImportRun(ImportJob job, SheetSpec spec, SheetMerge merge, String schema, County county, CountyRegistry counties,
      PersonalData personalData, DataSource dataSource, Pool pool, AuditLog audit, RoutingContext request,
      Clock clock, RowSource.Kind kind, WorkerExecutor validators) {
    this.job = job;
    this.spec = spec;
    this.merge = merge;
    this.schema = schema;
    this.county = county;
    this.counties = counties;
    this.personalData = personalData;
    this.dataSource = dataSource;
    this.pool = pool;
    this.audit = audit;
    this.request = request;
    this.clock = clock;
    this.kind = kind;
    this.validators = validators;
  }

  /** Runs the import to one of the final states; never throws. */
  void run() {
    Staging staging = new Staging(spec, schema, job.id, county);
    try (BufferedWriter errors = Files.newBufferedWriter(job.errorFile, StandardCharsets.UTF_8)) {
      try (Connection jdbc = dataSource.getConnection()) {
        jdbc.setAutoCommit(true);
        try {
          runWith(jdbc, staging, errors);
        } finally {
          try (Statement st = jdbc.createStatement()) {
            st.execute(staging.dropSql());
          }
        }
      }
    } catch (SheetFileException e) {
      job.addError(new RowError(1, null, null, e.getMessage()));
      finish(ImportJob.State.REJECTED, e.getMessage(), 0);
    } catch (Exception e) {
      LOG.error("Import {} of {}/{} failed", job.id, job.pluginId, spec.name(), e);
      finish(ImportJob.State.FAILED, "导入失败，未写入任何数据 / The import failed; nothing was written", 0);
    } finally {
      try {
        Files.deleteIfExists(job.upload);
      } catch (IOException e) {
        LOG.warn("Could not delete upload {}: {}", job.upload, e.getMessage());
      }
    }
  }

  private void runWith(Connection jdbc, Staging staging, BufferedWriter errorLines) throws Exception {
    long began = System.nanoTime();
    try (Statement st = jdbc.createStatement()) {
      st.execute(staging.createSql());
    }
    CopyIn copy = jdbc.unwrap(PGConnection.class).getCopyAPI().copyIn(staging.copySql());
    boolean copying = true;
    KeyHashes keys = new KeyHashes();
    try (RowSource rows = RowSource.open(job.upload, kind)) {
      RowValidator validator = new RowValidator(spec, county, counties, personalData, rows instanceof XlsxSource);
      SheetRow header = nextNonBlank(rows);
      if (header == null) {
        throw new SheetFileException("文件中没有数据 / The file holds no rows");
      }
      List<RowError> headerErrors = validator.header(header);
      if (!headerErrors.isEmpty()) {
        headerErrors.forEach(job::addError);
        writeErrorLine(errorLines, header.rowNo(), List.of(), headerErrors);
        copy.cancelCopy();
        copying = false;
        finish(ImportJob.State.REJECTED, "表头不符合模板 / The header does not match the template", 0);
        return;
      }
      int[] keyColumns = spec.naturalKeyColumns().stream()
          .mapToInt(k -> spec.columns().indexOf(spec.column(k).orElseThrow())).toArray();
      // Reading stays on this thread; validating, sealing and encoding run in batches on the validation threads;
      // batches are written to COPY in file order as they complete, at most IN_FLIGHT of them held in memory.
      Deque<Future<RowBatch>> inFlight = new ArrayDeque<>();
      RowBatch batch = new RowBatch();
      while (rows.hasNext()) {
        if (job.cancelRequested()) {
          break;
        }
        SheetRow row = rows.next();
        if (row.blank()) {
          continue;
        }
        job.rowsRead.incrementAndGet();
        batch.rows.add(row);
        if (batch.rows.size() == RowBatch.ROWS) {
          inFlight.add(submit(batch, validator, staging, keyColumns));
          batch = new RowBatch();
          while (inFlight.size() >= IN_FLIGHT) {
            stage(await(inFlight.poll()), copy, staging, keys, errorLines);
          }
        }
      }
      if (!batch.rows.isEmpty() && !job.cancelRequested()) {
        inFlight.add(submit(batch, validator, staging, keyColumns));
      }
      while (!inFlight.isEmpty()) {
        stage(await(inFlight.poll()), copy, staging, keys, errorLines);
      }
      if (job.cancelRequested()) {
        copy.cancelCopy();
        copying = false;
        finish(ImportJob.State.CANCELLED, "已取消，未写入任何数据 / Cancelled; nothing was written", 0);
        return;
      }
      copy.endCopy();
      copying = false;
    } finally {
      if (copying && copy.isActive()) {
        copy.cancelCopy();
      }
    }
    long read = System.nanoTime();
    if (keys.mayHaveDuplicates()) {
      duplicates(jdbc, staging, errorLines);
    }
    if (job.errorCount.get() == 0) {
      pluginChecks(staging, errorLines);
    }
    errorLines.flush();
    long checked = System.nanoTime();
    if (job.errorCount.get() > 0) {
      finish(ImportJob.State.REJECTED, "有 " + job.rowsRejected.get() + " 行数据有误，未写入任何数据 / "
          + job.rowsRejected.get() + " rows are invalid; nothing was written", 0);
      return;
    }
    if (job.dryRun) {
      finish(ImportJob.State.VALIDATED, "校验通过，未写入数据（试导入）/ All rows are valid; dry run, nothing written",
          0);
      return;
    }
    if (!job.beginMerge()) {
      finish(ImportJob.State.CANCELLED, "已取消，未写入任何数据 / Cancelled; nothing was written", 0);
      return;
    }
    long merged = mergeAndAudit(staging);
    LOG.info("Import {} of {}/{} in {}: {} rows read, validated and staged in {} ms, duplicates checked in {} ms, "
        + "merged in {} ms", job.id, job.pluginId, spec.name(), county.code(), job.rowsRead.get(),
        (read - began) / 1_000_000, (checked - read) / 1_000_000, (System.nanoTime() - checked) / 1_000_000);
    finish(ImportJob.State.IMPORTED, "已导入 " + merged + " 行 / " + merged + " rows imported", merged);
  }

  private static SheetRow nextNonBlank(RowSource rows) {
    while (rows.hasNext()) {
      SheetRow row = rows.next();
      if (!row.blank()) {
        return row;
      }
    }
    return null;
  }

  private Future<RowBatch> submit(RowBatch batch, RowValidator validator, Staging staging, int[] keyColumns) {
    return validators.executeBlocking(() -> batch.validate(validator, staging, keyColumns), false);
  }

  private static RowBatch await(Future<RowBatch> batch) throws Exception {
    try {
      return batch.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** Writes a validated batch: its good rows to COPY, its bad rows to the job and the error report. */
  private void stage(RowBatch batch, CopyIn copy, Staging staging, KeyHashes keys, BufferedWriter errorLines)
      throws SQLException {
    for (RowBatch.Rejected bad : batch.rejected) {
      job.rowsRejected.incrementAndGet();
      bad.errors().forEach(job::addError);
      writeErrorLine(errorLines, bad.rowNo(), bad.texts(), bad.errors());
    }
    job.rowsValid.addAndGet(batch.valid);
    for (int i = 0; i < batch.valid; i++) {
      keys.add(batch.keyHashes[i]);
    }
    if (batch.copy.length() > 0) {
      copy.writeToCopy(batch.copy.bytes(), 0, batch.copy.length());
    }
    staging.staged(batch.valid);
  }

  /** Rows of the file that share a natural key: every one after the first is rejected. */
  private void duplicates(Connection jdbc, Staging staging, BufferedWriter errorLines) throws Exception {
    String keys = String.join(", ", staging.keyColumns());
    String headers = String.join("、", spec.naturalKeyColumns().stream()
        .map(k -> spec.column(k).orElseThrow().header()).toList());
    String sql = "SELECT array_agg(row_no ORDER BY row_no) FROM " + staging.table() + " GROUP BY " + keys
        + " HAVING count(*) > 1 ORDER BY min(row_no) LIMIT " + (ImportJob.ERRORS_SHOWN * 10);
    try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      duplicates(rs, headers, errorLines);
    }
  }

  private void duplicates(ResultSet rs, String headers, BufferedWriter errorLines) throws SQLException {
    while (rs.next()) {
      Array array = rs.getArray(1);
      Integer[] rowNos = (Integer[]) array.getArray();
      for (int i = 1; i < rowNos.length; i++) {
        RowError error = new RowError(rowNos[i], headers, spec.naturalKeyColumns().get(0),
            "与第 " + rowNos[0] + " 行重复（" + headers + "相同） / Duplicates row " + rowNos[0]);
        job.addError(error);
        job.rowsRejected.incrementAndGet();
        job.rowsValid.decrementAndGet();
        writeErrorLine(errorLines, rowNos[i], List.of(), List.of(error));
      }
    }
  }

  /**
   * The plugin's {@link SheetCheck}s of the staged rows against its own data (the agreement a row names exists, …),
   * run only when every row passed the column checks, so their queries see a complete, well-typed table.
   */
  private void pluginChecks(Staging staging, BufferedWriter errorLines) throws Exception {
    for (SheetCheck check : spec.checks()) {
      List<SheetCheck.Rejection> rejected = pool.withConnection(conn -> check.check(conn, staging))
          .toCompletionStage().toCompletableFuture().get(MERGE_TIMEOUT_MINUTES, TimeUnit.MINUTES);
      Set<Integer> rows = new HashSet<>();
      for (SheetCheck.Rejection r : rejected == null ? List.<SheetCheck.Rejection>of() : rejected) {
        String header = r.column() == null ? null : spec.column(r.column()).map(Column::header).orElse(r.column());
        RowError error = new RowError(r.row(), header, r.column(), r.reason());
        job.addError(error);
        if (rows.add(r.row())) {
          job.rowsRejected.incrementAndGet();
          job.rowsValid.decrementAndGet();
        }
        writeErrorLine(errorLines, r.row(), List.of(), List.of(error));
      }
    }
  }

  private long mergeAndAudit(Staging staging) throws Exception {
    JsonObject detail = new JsonObject().put("job", job.id).put("rowsRead", job.rowsRead.get())
        .put("rowsValid", job.rowsValid.get());
    Future<Long> merged = pool.withTransaction(conn -> conn.query(WORK_MEM).execute()
        .compose(v -> merge.merge(conn, staging))
        .compose(n -> {
          long count = n == null ? 0 : n;
          return audit.record(conn, request, new AuditEntry("import", spec.name(), job.id,
              detail.copy().put("result", "imported").put("rowsMerged", count))).map(count);
        }));
    return merged.toCompletionStage().toCompletableFuture().get(MERGE_TIMEOUT_MINUTES, TimeUnit.MINUTES);
  }

  private void writeErrorLine(BufferedWriter out, int rowNo, List<String> cells, List<RowError> errors) {
    JsonArray reasons = new JsonArray();
    errors.forEach(e -> reasons.add(e.column() == null ? e.reason() : e.column() + "：" + e.reason()));
    try {
      out.write(new JsonObject().put("row", rowNo).put("cells", new JsonArray(new ArrayList<>(cells)))
          .put("errors", reasons).encode());
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void finish(ImportJob.State state, String message, long merged) {
    job.finish(state, message, merged, clock.instant());
    if (!job.dryRun && state != ImportJob.State.IMPORTED) {
      // Refused, cancelled and failed imports are audited too (the successful one is, inside its transaction).
      JsonObject detail = new JsonObject().put("job", job.id).put("result", state.label())
          .put("rowsRead", job.rowsRead.get()).put("rowsRejected", job.rowsRejected.get());
      pool.withTransaction(conn -> audit.record(conn, request,
              new AuditEntry("import", spec.name(), job.id, detail)))
          .onFailure(e -> LOG.warn("Could not audit the {} import {}: {}", state.label(), job.id, e.getMessage()));
    }
  }
}
