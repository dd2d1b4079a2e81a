package cn.zhenxing.server.sheet;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.SheetExport;
import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.server.personal.PersonalDataService.BulkReveal;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PreparedStatement;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one export query with a cursor ({@link PreparedStatement#createStream}, {@value #FETCH} rows a fetch) in a
 * read-only transaction and hands the rows, in batches, to the {@link ExportWriter} on a worker thread, one batch
 * after another. The stream pauses while {@value #MAX_PENDING} batches wait to be written, so memory stays bounded
 * whatever the number of rows. Started and completed on the event loop.
 */
final class ExportRun {

  static final int FETCH = 1000;
  static final int BATCH = 1000;
  static final int MAX_PENDING = 4;

  private final WorkerExecutor workers;
  private final Pool pool;
  private final SheetSpec spec;
  private final SheetExport.Query query;
  private final County county;
  private final ExportWriter writer;
  private final BulkReveal reveal;

  private int[] indexes;
  private boolean[] sealed;
  private int countyIndex = -1;
  private List<Object[]> batch = new ArrayList<>(BATCH);
  private Future<Void> chain = Future.succeededFuture();
  private int pending;
  private boolean paused;
  private long rows;

  ExportRun(WorkerExecutor workers, Pool pool, SheetSpec spec, SheetExport.Query query, County county,
      ExportWriter writer, BulkReveal reveal) {
    this.workers = workers;
    this.pool = pool;
    this.spec = spec;
    this.query = query;
    this.county = county;
    this.writer = writer;
    this.reveal = reveal;
  }

  /** Streams every row into the writer (not finished); answers the row count. */
  Future<Long> run() {
    return pool.getConnection().compose(conn -> conn.begin()
        .compose(tx -> conn.query("SET TRANSACTION READ ONLY").execute()
            .compose(v -> conn.prepare(query.sql()))
            .compose(this::stream)
            .eventually(tx::rollback))
        .eventually(conn::close));
  }

  private Future<Long> stream(PreparedStatement statement) {
    Promise<Long> done = Promise.promise();
    RowStream<Row> stream = statement.createStream(FETCH, query.params());
    stream.exceptionHandler(e -> fail(stream, done, e));
    // The end handler goes on before the row handler, which starts the fetching: a small result can otherwise end
    // before the end handler is there, and the export would wait for ever (seen: about one labor sheet test in three).
    stream.endHandler(v -> {
      submit(stream, done);
      chain.onSuccess(x -> done.tryComplete(rows)).onFailure(done::tryFail);
    });
    stream.handler(row -> {
      try {
        batch.add(values(row));
      } catch (RuntimeException e) {
        fail(stream, done, e);
        return;
      }
      rows++;
      if (batch.size() >= BATCH) {
        submit(stream, done);
      }
    });
    return done.future();
  }

  private void submit(RowStream<Row> stream, Promise<Long> done) {
    if (batch.isEmpty()) {
      return;
    }
    List<Object[]> rowsOfBatch = batch;
    batch = new ArrayList<>(BATCH);
    pending++;
    if (pending >= MAX_PENDING && !paused) {
      paused = true;
      stream.pause();
    }
    chain = chain.compose(v -> workers.<Void>executeBlocking(() -> {
      for (Object[] values : rowsOfBatch) {
        if (reveal != null) {
          for (int c = 0; c < values.length; c++) {
            if (sealed[c]) {
              values[c] = reveal.open((String) values[c]);
            }
          }
        }
        writer.row(values);
      }
      writer.flush();
      return null;
    }, false)).onComplete(ar -> {
      pending--;
      if (ar.failed()) {
        fail(stream, done, ar.cause());
      } else if (paused && pending <= MAX_PENDING / 2) {
        paused = false;
        stream.resume();
      }
    });
  }

  /** Stops reading and fails once the batches already handed to the worker are done (the file is then closed). */
  private void fail(RowStream<Row> stream, Promise<Long> done, Throwable e) {
    stream.close();
    batch = new ArrayList<>();
    chain.onComplete(x -> done.tryFail(e));
  }

  /** One row's values in declared column order; the first row resolves the columns. */
  private Object[] values(Row row) {
    List<Column> columns = spec.columns();
    if (indexes == null) {
      indexes = new int[columns.size()];
      sealed = new boolean[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        Column column = columns.get(c);
        sealed[c] = column.type().sealed();
        String suffix = !sealed[c] ? "" : reveal != null ? "_cipher" : "_masked";
        indexes[c] = index(row, column, suffix);
      }
      countyIndex = row.getColumnIndex("county_code");
    }
    if (countyIndex >= 0) {
      Object code = row.getValue(countyIndex);
      if (code == null || !county.code().equals(code.toString().strip())) {
        throw new IllegalStateException("The export query of register " + spec.name() + " answered a row of county "
            + code + " for county " + county.code() + ": restrict it with WHERE county_code = $1");
      }
    }
    Object[] values = new Object[indexes.length];
    for (int c = 0; c < indexes.length; c++) {
      values[c] = row.getValue(indexes[c]);
    }
    return values;
  }

  private int index(Row row, Column column, String suffix) {
    for (String name : List.of(column.sqlName() + suffix, column.key() + suffix,
        column.key().toLowerCase(Locale.ROOT) + suffix)) {
      int i = row.getColumnIndex(name);
      if (i >= 0) {
        return i;
      }
    }
    throw new IllegalStateException("The export query of register " + spec.name() + " has no column "
        + column.sqlName() + suffix + " for " + column.key());
  }
}
