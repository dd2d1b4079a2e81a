package cn.zhenxing.server.sheet;

import cn.zhenxing.sdk.job.Job;
import cn.zhenxing.sdk.job.JobRun;
import cn.zhenxing.sdk.job.JobSpec;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The core's job {@code core/sheet-imports}, every ten minutes, once for the city:
 *
 * <ul>
 *   <li>marks {@code failed} the running imports whose process stopped (no progress for {@link ImportStore#STALE};
 *       readers already show them so);</li>
 *   <li>drops left-over staging tables ({@code zx_stage_*} in any schema) older than a day: those of jobs that
 *       started more than a day ago and are no longer running, and those no job row owns;</li>
 *   <li>deletes finished import jobs (and their error rows) after {@value #KEEP_DAYS} days.</li>
 * </ul>
 */
public final class ImportSweep implements Job {

  public static final String JOB = "sheet-imports";
  /** Finished import jobs are kept this many days. */
  public static final int KEEP_DAYS = 7;

  ImportSweep() {
  }

  public JobSpec spec() {
    return JobSpec.every(JOB, Duration.ofMinutes(10)).cityWide().timeout(Duration.ofMinutes(5))
        .description("清理中断的导入任务与遗留暂存表 / Fails imports of stopped processes, drops left-over staging "
            + "tables, deletes import jobs older than " + KEEP_DAYS + " days");
  }

  @Override
  public Future<Void> run(JobRun run) {
    SqlConnection conn = run.connection();
    return conn.preparedQuery("UPDATE core.sheet_import SET state = 'failed', phase = 'done', message = $1,"
            + " finished_at = now() WHERE state = 'running' AND updated_at < now() - interval '"
            + ImportStore.STALE + "'")
        .execute(io.vertx.sqlclient.Tuple.of(ImportStore.STALE_MESSAGE))
        .compose(v -> conn.query("DELETE FROM core.sheet_import WHERE state <> 'running'"
            + " AND started_at < now() - interval '" + KEEP_DAYS + " days'").execute())
        .compose(v -> conn.query(leftOverStagingTables()).execute())
        .compose(rows -> {
          List<String> tables = new ArrayList<>();
          for (Row row : rows) {
            tables.add(row.getString("qualified"));
          }
          Future<Void> chain = Future.succeededFuture();
          for (String table : tables) {
            chain = chain.compose(v -> conn.query("DROP TABLE IF EXISTS " + table).execute().mapEmpty());
          }
          return chain;
        });
  }

  /** The staging tables to drop, quoted and schema-qualified. */
  static String leftOverStagingTables() {
    return "SELECT format('%I.%I', n.nspname, c.relname) AS qualified"
        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        + " LEFT JOIN core.sheet_import j ON j.id = CASE WHEN substr(c.relname, 10) ~ '^[0-9a-f]{32}$'"
        + " THEN substr(c.relname, 10)::uuid END"
        + " WHERE c.relkind = 'r' AND c.relname LIKE 'zx\\_stage\\_%'"
        + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
        + " AND (j.id IS NULL OR (j.started_at < now() - interval '1 day'"
        + " AND (j.state <> 'running' OR j.updated_at < now() - interval '" + ImportStore.STALE + "')))";
  }
}
