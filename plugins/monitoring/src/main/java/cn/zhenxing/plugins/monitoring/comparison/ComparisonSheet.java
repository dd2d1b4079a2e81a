package cn.zhenxing.plugins.monitoring.comparison;

import cn.zhenxing.plugins.monitoring.signal.SignalIntake;
import cn.zhenxing.plugins.monitoring.signal.SignalRoutes;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.notify.Notification;
import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.SheetCheck;
import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.sdk.sheet.StagedRows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * 信息比对 through the spreadsheet facility: one register, {@code comparison}, for every department (a 部门 column),
 * one file per batch. The merge stages the records, matches them to members by blind index (the ID number is
 * never decrypted), then hands the matched records to {@link SignalIntake} — the statement every channel goes
 * through — with a source reference naming the batch and the record, and records the batch's counts and duration.
 */
public final class ComparisonSheet {

  public static final String REGISTER = "comparison";
  static final List<String> DEPARTMENTS = List.of("医保", "民政", "教育", "人社", "住建", "应急管理", "残联");
  /** The signals' source; their source reference is {@code <batchNo>/<recordId>}, unique with it. */
  static final String SOURCE = "comparison";
  private static final String ACTOR = "sheet:comparison";
  /** The file's first row, which speaks for its batch. */
  private static final String FIRST_ROW = "(SELECT row_no, county_code, batch_no, department, period, source FROM %s"
      + " ORDER BY row_no LIMIT 1)";
  private static final Map<String, String> REASONS = Map.of(
      "period", "应为 yyyy-MM 或 yyyy-Qn / must be yyyy-MM or yyyy-Qn",
      "amount", "不能为负 / must not be negative",
      "batchNo", "一个文件只能是一个批次（批次号、部门、期间、来源相同）/ one file is one batch",
      "occurredOn", "该年份没有监测规则 / no monitoring rule set for this year");

  private final PluginContext ctx;
  private final SignalIntake intake;
  private final String province;

  public ComparisonSheet(PluginContext ctx, SignalIntake intake, String province) {
    this.ctx = ctx;
    this.intake = intake;
    this.province = province;
  }

  public void register() {
    ctx.sheets().register(SheetSpec.of(REGISTER, "部门比对数据")
        .column(Column.text("department", "部门").required().dictionary(DEPARTMENTS.toArray(String[]::new)))
        .column(Column.text("batchNo", "批次号").required().maxLength(40))
        .column(Column.text("period", "数据期间").required().maxLength(7).note("2026-10 或 2026-Q3"))
        .column(Column.text("source", "数据来源").maxLength(100))
        .column(Column.idCard("idNumber", "身份证号").required().indexOnly())
        .column(Column.text("name", "姓名").maxLength(30))
        .column(Column.text("riskKind", "风险类别").required()
            .dictionary(SignalRoutes.KINDS.toArray(String[]::new)))
        .column(Column.decimal("amount", "金额（元）").format("0.00"))
        .column(Column.date("occurredOn", "发生日期").required())
        .column(Column.text("description", "说明").maxLength(300))
        .naturalKey("batchNo", "idNumber", "riskKind")
        .check(this::rowChecks)
        .check(batchNumberFree()),
        this::merge);
  }

  /**
   * The row rules in one pass over the staged rows (a department file has a million): the period's form, no negative
   * amount, every row of the first row's batch, department, period and source (a batch is one file), and a date a
   * rule set can judge (the year of one, or later). A row is reported with the first rule it breaks.
   *
   * <p>The first row and the earliest year are read first and bound as values: the pass is then a plain filtered
   * scan PostgreSQL runs in parallel, and only the few broken rows are sorted. (Written as one statement joining the
   * first row, it sorted every row before judging any, on one core: 1.5 s for a million.)
   */
  private Future<List<SheetCheck.Rejection>> rowChecks(SqlConnection conn, StagedRows staged) {
    return conn.preparedQuery("SELECT f.batch_no, f.department, f.period, f.source,"
            + " (SELECT coalesce(min(year), 9999) FROM monitoring.rule_set WHERE province = $1) AS first_year"
            + " FROM " + FIRST_ROW.formatted(staged.table()) + " f")
        .execute(Tuple.of(province))
        .compose(first -> first.size() == 0 ? Future.succeededFuture(List.of()) : brokenRows(conn, staged,
            first.iterator().next()));
  }

  private static Future<List<SheetCheck.Rejection>> brokenRows(SqlConnection conn, StagedRows staged, Row first) {
    return conn.preparedQuery("SELECT row_no, problem FROM (SELECT s.row_no, CASE"
            + " WHEN s.period !~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$' THEN 'period'"
            + " WHEN s.amount < 0 THEN 'amount'"
            + " WHEN s.batch_no IS DISTINCT FROM $1 OR s.department IS DISTINCT FROM $2"
            + "   OR s.period IS DISTINCT FROM $3 OR s.source IS DISTINCT FROM $4 THEN 'batchNo'"
            + " WHEN extract(year FROM s.occurred_on) < $5::int THEN 'occurredOn' END AS problem"
            + " FROM " + staged.table() + " s) x WHERE problem IS NOT NULL ORDER BY row_no LIMIT 1000")
        .execute(Tuple.of(first.getString("batch_no"), first.getString("department"), first.getString("period"),
            first.getString("source"), first.getInteger("first_year")))
        .map(rows -> {
          List<SheetCheck.Rejection> rejected = new ArrayList<>();
          rows.forEach(r -> rejected.add(new SheetCheck.Rejection(r.getInteger("row_no"), r.getString("problem"),
              REASONS.get(r.getString("problem")))));
          return rejected;
        });
  }

  /** A batch number names one department's one period for good (the file's first row speaks for the file). */
  private static SheetCheck batchNumberFree() {
    return (conn, staged) -> conn.query("SELECT f.row_no FROM " + FIRST_ROW.formatted(staged.table()) + " f"
            + " JOIN monitoring.comparison_batch b ON b.county_code = f.county_code AND b.batch_no = f.batch_no"
            + " AND (b.department <> f.department OR b.period <> f.period)")
        .execute()
        .map(rows -> SheetCheck.rejectAll(rows, "batchNo",
            "该批次号已用于其他部门或期间 / this batch number belongs to another department or period"));
  }

  private Future<Long> merge(SqlConnection conn, StagedRows staged) {
    long started = System.nanoTime();
    String t = staged.table();
    return conn.preparedQuery("INSERT INTO monitoring.comparison_batch AS b (county_code, batch_no, department, period,"
            + " source, status, runs, rows_read, matched, unmatched, signals_raised, warnings_raised, duration_ms,"
            + " imported_at)"
            + " SELECT county_code, batch_no, department, period, coalesce(source, department), 'applied', 1, $1,"
            + "   0, 0, 0, 0, 0, $2 FROM " + t + " ORDER BY row_no LIMIT 1"
            + " ON CONFLICT (county_code, batch_no) DO UPDATE SET runs = b.runs + 1, status = 'applied',"
            // a batch applied again after its rollback starts its warnings afresh (they were taken back)
            + "   warnings_raised = CASE WHEN b.status = 'rolled-back' THEN 0 ELSE b.warnings_raised END,"
            + "   rolled_back_at = NULL, rolled_back_by = NULL, rows_read = EXCLUDED.rows_read,"
            + "   source = EXCLUDED.source, imported_at = EXCLUDED.imported_at"
            + " RETURNING id, batch_no, department, runs")
        .execute(Tuple.of(staged.rows(), ctx.clock().instant().atOffset(ZoneOffset.UTC)))
        .compose(rows -> {
          Row batch = rows.iterator().next();
          long id = batch.getLong("id");
          // A first run has nothing to meet: plain inserts spare a million speculative insertions.
          boolean again = batch.getInteger("runs") > 1;
          return matched(conn, t, id, again)
              .compose(matched -> unmatched(conn, t, id, again).map(unmatched -> matched + unmatched))
              // Statistics of the records just written (uncommitted rows count for this transaction's ANALYZE):
              // without them the intake's join guesses a handful of rows and nests loops over every record.
              .compose(merged -> conn.query("ANALYZE monitoring.comparison_record").execute().map(merged))
              .compose(merged -> raiseSignals(conn, staged.county().code(), batch)
                  .compose(warnings -> counts(conn, id, warnings, started))
                  .map(merged));
        });
  }

  /** The records about members of the county, found by blind index; a re-run updates them by their natural key. */
  private static Future<Long> matched(SqlConnection conn, String staged, long batch, boolean again) {
    return conn.preparedQuery("INSERT INTO monitoring.comparison_record (batch_id, county_code, row_no,"
            + " person_index, id_masked, name, risk_kind, amount, occurred_on, description, member_id, household_id)"
            + " SELECT $1, s.county_code, s.row_no, s.id_number_index, s.id_number_masked, s.name, s.risk_kind,"
            + "   s.amount, s.occurred_on, s.description, m.id, m.household_id"
            + " FROM " + staged + " s JOIN monitoring.member m ON m.id_index = s.id_number_index"
            + "   AND m.county_code = s.county_code"
            // in the unique index's order: its pages are then filled one after another
            + " ORDER BY s.id_number_index"
            + (again ? " ON CONFLICT (batch_id, person_index, risk_kind) DO UPDATE SET row_no = EXCLUDED.row_no,"
            + "   name = EXCLUDED.name, amount = EXCLUDED.amount, occurred_on = EXCLUDED.occurred_on,"
            + "   description = EXCLUDED.description, member_id = EXCLUDED.member_id,"
            + "   household_id = EXCLUDED.household_id" : ""))
        .execute(Tuple.of(batch))
        .map(rows -> (long) rows.rowCount());
  }

  /** The people not in the register; a re-run replaces the batch's list (someone may be registered now). */
  private static Future<Long> unmatched(SqlConnection conn, String staged, long batch, boolean again) {
    Future<?> cleared = again
        ? conn.preparedQuery("DELETE FROM monitoring.comparison_unmatched WHERE batch_id = $1").execute(Tuple.of(batch))
        : Future.succeededFuture();
    return cleared.compose(v -> conn.preparedQuery("INSERT INTO monitoring.comparison_unmatched (batch_id, row_no,"
                + " county_code, id_masked, name, risk_kind, amount, occurred_on, description)"
                + " SELECT $1, s.row_no, s.county_code, s.id_number_masked, s.name, s.risk_kind, s.amount,"
                + "   s.occurred_on, s.description FROM " + staged + " s WHERE NOT EXISTS (SELECT 1"
                // no ORDER BY: the staged rows come in file order, which already fills the key's index in order
                + "   FROM monitoring.member m WHERE m.id_index = s.id_number_index AND m.county_code = s.county_code)")
            .execute(Tuple.of(batch)))
        .map(rows -> (long) rows.rowCount());
  }

  /**
   * The matched records without a signal yet (all of them on a first run, none on a plain re-run, those a changed
   * rule set now fires on a re-run) go through the intake in one statement; each recorded signal is linked back to
   * its record. Records below every threshold stay records: a department's routine data is not a risk signal.
   */
  private Future<Long> raiseSignals(SqlConnection conn, String county, Row batch) {
    SignalIntake.Batch pending = new SignalIntake.Batch("SELECT r.county_code, r.household_id, r.member_id,"
        + " r.person_index, '信息比对'::text AS channel, b.department::text AS department, r.risk_kind::text AS risk_kind,"
        + " r.amount, left('比对批次 ' || b.batch_no || ' 第 ' || r.row_no || ' 行' || coalesce('：' || r.description, ''),"
        + "   500) AS description, '" + SOURCE + "'::text AS source, b.batch_no || '/' || r.id AS source_ref,"
        + " r.occurred_on, h.category::text AS category, m.main_earner, r.id AS record_id"
        + " FROM monitoring.comparison_record r JOIN monitoring.comparison_batch b ON b.id = r.batch_id"
        + " JOIN monitoring.household h ON h.id = r.household_id JOIN monitoring.member m ON m.id = r.member_id"
        + " WHERE r.batch_id = $7 AND r.signal_id IS NULL",
        List.of(batch.getLong("id")),
        "linked AS (UPDATE monitoring.comparison_record r SET signal_id = a.sid FROM a WHERE r.id = a.record_id)");
    return intake.receiveAll(conn, pending, ACTOR).compose(taken -> taken.warnings() == 0
        ? Future.succeededFuture(0L)
        : ctx.notifications().send(conn, Notification.toCounty(county, "comparison-warnings",
                "信息比对新增预警 / New warnings from a data comparison: " + batch.getString("batch_no"),
                batch.getString("department") + "比对批次 " + batch.getString("batch_no") + " 新增预警 "
                    + taken.warnings() + " 条，请按期入户核实 / " + taken.warnings()
                    + " new warnings; visit the households in time")
            .level(Notification.Level.WARNING)
            .link("/api/v1/monitoring/counties/" + county + "/comparison/batches/" + batch.getLong("id")))
            .map(taken.warnings()));
  }

  /**
   * The batch's counts: matched, unmatched and signals from its records (scans without a join: a fresh batch has no
   * statistics yet, and a planner guessing can nest loops over a million rows); warnings add this run's.
   */
  private Future<Void> counts(SqlConnection conn, long batch, long warnings, long started) {
    return conn.preparedQuery("UPDATE monitoring.comparison_batch b SET (matched, signals_raised) ="
            + " (SELECT count(*), count(r.signal_id) FROM monitoring.comparison_record r WHERE r.batch_id = b.id),"
            + " unmatched = (SELECT count(*) FROM monitoring.comparison_unmatched u WHERE u.batch_id = b.id),"
            + " warnings_raised = b.warnings_raised + $2, duration_ms = $3 WHERE b.id = $1")
        .execute(Tuple.of(batch, warnings, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)))
        .mapEmpty();
  }

}
