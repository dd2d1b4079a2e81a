package cn.zhenxing.plugins.monitoring.comparison;

import cn.zhenxing.plugins.monitoring.signal.SignalIntake;
import cn.zhenxing.plugins.monitoring.signal.SignalRoutes;
import cn.zhenxing.sdk.PluginContext;
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
import java.util.concurrent.TimeUnit;

/**
 * 信息比对 through the spreadsheet facility: one register, {@code comparison}, for every department (a 部门 column),
 * one file per batch. The merge stages the records, matches them to members by blind index (the ID number is
 * never decrypted), then hands each matched record to {@link SignalIntake} — the path every channel takes — with
 * a source reference naming the batch and the record, and records the batch's counts and duration.
 */
public final class ComparisonSheet {

  public static final String REGISTER = "comparison";
  static final List<String> DEPARTMENTS = List.of("医保", "民政", "教育", "人社", "住建", "应急管理", "残联");
  /** The signals' source; their source reference is {@code <batchNo>/<recordId>}, unique with it. */
  static final String SOURCE = "comparison";
  private static final String ACTOR = "sheet:comparison";

  private final PluginContext ctx;
  private final SignalIntake intake;

  public ComparisonSheet(PluginContext ctx, SignalIntake intake) {
    this.ctx = ctx;
    this.intake = intake;
  }

  public void register() {
    ctx.sheets().register(SheetSpec.of(REGISTER, "部门比对数据")
        .column(Column.text("department", "部门").required().dictionary(DEPARTMENTS.toArray(String[]::new)))
        .column(Column.text("batchNo", "批次号").required().maxLength(40))
        .column(Column.text("period", "数据期间").required().maxLength(7).note("2026-10 或 2026-Q3"))
        .column(Column.text("source", "数据来源").maxLength(100))
        .column(Column.idCard("idNumber", "身份证号").required())
        .column(Column.text("name", "姓名").maxLength(30))
        .column(Column.text("riskKind", "风险类别").required()
            .dictionary(SignalRoutes.KINDS.toArray(String[]::new)))
        .column(Column.decimal("amount", "金额（元）").format("0.00"))
        .column(Column.date("occurredOn", "发生日期").required())
        .column(Column.text("description", "说明").maxLength(300))
        .naturalKey("batchNo", "idNumber", "riskKind")
        .check(SheetCheck.rejectWhere("s.period !~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'", "period",
            "应为 yyyy-MM 或 yyyy-Qn / must be yyyy-MM or yyyy-Qn"))
        .check(SheetCheck.rejectWhere("s.amount < 0", "amount", "不能为负 / must not be negative"))
        .check(oneBatchPerFile())
        .check(SheetCheck.rejectWhere("EXISTS (SELECT 1 FROM monitoring.comparison_batch b"
                + " WHERE b.county_code = s.county_code AND b.batch_no = s.batch_no"
                + " AND (b.department <> s.department OR b.period <> s.period))", "batchNo",
            "该批次号已用于其他部门或期间 / this batch number belongs to another department or period")),
        this::merge);
  }

  /** Every row must carry the first row's batch, department, period and source: a batch is one file. */
  private static SheetCheck oneBatchPerFile() {
    return (conn, staged) -> conn.query("SELECT s.row_no FROM " + staged.table() + " s, (SELECT batch_no,"
            + " department, period, source FROM " + staged.table() + " ORDER BY row_no LIMIT 1) f"
            + " WHERE (s.batch_no, s.department, s.period) IS DISTINCT FROM (f.batch_no, f.department, f.period)"
            + " OR s.source IS DISTINCT FROM f.source ORDER BY s.row_no LIMIT 1000")
        .execute()
        .map(rows -> SheetCheck.rejectAll(rows, "batchNo",
            "一个文件只能是一个批次（批次号、部门、期间、来源相同）/ one file is one batch"));
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
            + "   rolled_back_at = NULL, rolled_back_by = NULL, rows_read = EXCLUDED.rows_read,"
            + "   source = EXCLUDED.source, imported_at = EXCLUDED.imported_at"
            + " RETURNING id, batch_no, department")
        .execute(Tuple.of(staged.rows(), ctx.clock().instant().atOffset(ZoneOffset.UTC)))
        .compose(rows -> {
          Row batch = rows.iterator().next();
          long id = batch.getLong("id");
          return conn.preparedQuery("INSERT INTO monitoring.comparison_record (batch_id, county_code, row_no,"
                  + " person_index, id_masked, name, risk_kind, amount, occurred_on, description, member_id,"
                  + " household_id)"
                  + " SELECT $1, s.county_code, s.row_no, s.id_number_index, s.id_number_masked, s.name, s.risk_kind,"
                  + "   s.amount, s.occurred_on, s.description, m.id, m.household_id"
                  + " FROM " + t + " s LEFT JOIN monitoring.member m ON m.id_index = s.id_number_index"
                  + "   AND m.county_code = s.county_code"
                  + " ORDER BY s.id_number_index"
                  + " ON CONFLICT (batch_id, person_index, risk_kind) DO UPDATE SET row_no = EXCLUDED.row_no,"
                  + "   name = EXCLUDED.name, amount = EXCLUDED.amount, occurred_on = EXCLUDED.occurred_on,"
                  + "   description = EXCLUDED.description, member_id = EXCLUDED.member_id,"
                  + "   household_id = EXCLUDED.household_id")
              .execute(Tuple.of(id))
              .compose(merged -> raiseSignals(conn, staged.county().code(), batch)
                  .compose(v -> counts(conn, id, started))
                  .map(v -> (long) merged.rowCount()));
        });
  }

  /** The matched records without a signal yet (all of them on a first run, none on a plain re-run). */
  private Future<Void> raiseSignals(SqlConnection conn, String county, Row batch) {
    long id = batch.getLong("id");
    return conn.preparedQuery("SELECT r.id, r.row_no, r.person_index, r.risk_kind, r.amount, r.occurred_on,"
            + " r.description FROM monitoring.comparison_record r WHERE r.batch_id = $1"
            + " AND r.household_id IS NOT NULL AND r.signal_id IS NULL ORDER BY r.row_no")
        .execute(Tuple.of(id))
        .compose(rows -> {
          List<Row> pending = new ArrayList<>();
          rows.forEach(pending::add);
          Future<Void> chain = Future.succeededFuture();
          for (Row r : pending) {
            chain = chain.compose(v -> raise(conn, county, batch, r));
          }
          return chain;
        });
  }

  private Future<Void> raise(SqlConnection conn, String county, Row batch, Row r) {
    String batchNo = batch.getString("batch_no");
    String what = "比对批次 " + batchNo + " 第 " + r.getInteger("row_no") + " 行"
        + (r.getString("description") == null ? "" : "：" + r.getString("description"));
    SignalIntake.Incoming in = new SignalIntake.Incoming(county, false, null, r.getString("person_index"), "信息比对",
        batch.getString("department"), r.getString("risk_kind"), r.getBigDecimal("amount"),
        what.length() > 500 ? what.substring(0, 500) : what, SOURCE, batchNo + "/" + r.getLong("id"),
        r.getLocalDate("occurred_on"));
    return intake.receive(conn, in, ACTOR)
        .compose(signal -> conn.preparedQuery("UPDATE monitoring.comparison_record SET signal_id = $2 WHERE id = $1")
            .execute(Tuple.of(r.getLong("id"), signal)))
        .mapEmpty();
  }

  private Future<Void> counts(SqlConnection conn, long batch, long started) {
    return conn.preparedQuery("UPDATE monitoring.comparison_batch b SET"
            + " matched = (SELECT count(*) FROM monitoring.comparison_record r WHERE r.batch_id = b.id"
            + "   AND r.household_id IS NOT NULL),"
            + " unmatched = (SELECT count(*) FROM monitoring.comparison_record r WHERE r.batch_id = b.id"
            + "   AND r.household_id IS NULL),"
            + " signals_raised = (SELECT count(*) FROM monitoring.comparison_record r WHERE r.batch_id = b.id"
            + "   AND r.signal_id IS NOT NULL),"
            + " warnings_raised = (SELECT count(*) FROM monitoring.comparison_record r"
            + "   JOIN monitoring.signal s ON s.id = r.signal_id WHERE r.batch_id = b.id AND s.outcome = 'warned'),"
            + " duration_ms = $2 WHERE b.id = $1")
        .execute(Tuple.of(batch, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)))
        .mapEmpty();
  }
}
