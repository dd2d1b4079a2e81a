package cn.zhenxing.plugins.monitoring.comparison;

import cn.zhenxing.plugins.monitoring.support.Http;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The department batches (imported through {@code /sheets/comparison/imports}): their counts, their records (each
 * with its row, the masked ID number, the household it matched and the signal it raised) and the rollback.
 */
public final class ComparisonRoutes {

  private static final String BATCH = "b.id, b.county_code AS county, b.batch_no, b.department, b.period, b.source,"
      + " b.status, b.runs, b.rows_read, b.matched, b.unmatched, b.signals_raised, b.warnings_raised, b.duration_ms,"
      + " b.imported_at, b.rolled_back_at, b.rolled_back_by";
  /**
   * A batch's rows as one list: the matched records, each with what it led to (nothing below every threshold, else
   * its signal's outcome and warning), and the people not in the register ({@code unmatched}, no id).
   */
  private static final String ROWS = "(SELECT r.id, r.batch_id, r.county_code, r.row_no, r.id_masked, r.name,"
      + " r.risk_kind, r.amount, r.occurred_on, r.description, r.household_id, r.signal_id,"
      + " s.outcome AS signal_outcome, CASE WHEN r.signal_id IS NULL THEN 'below-threshold' ELSE s.outcome END"
      + " AS outcome, w.id AS warning_id"
      + " FROM monitoring.comparison_record r LEFT JOIN monitoring.signal s ON s.id = r.signal_id"
      + " LEFT JOIN monitoring.warning w ON w.signal_id = r.signal_id"
      + " UNION ALL SELECT NULL::bigint, u.batch_id, u.county_code, u.row_no, u.id_masked, u.name, u.risk_kind,"
      + " u.amount, u.occurred_on, u.description, NULL::bigint, NULL::bigint, NULL::varchar, 'unmatched',"
      + " NULL::bigint FROM monitoring.comparison_unmatched u) r";
  private static final String RECORD = "r.id, r.batch_id, r.row_no, r.id_masked, r.name, r.risk_kind, r.amount,"
      + " r.occurred_on, r.description, r.household_id, r.signal_id, r.signal_outcome, r.outcome, r.warning_id";

  private final PluginContext ctx;

  public ComparisonRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router county) {
    county.get("/comparison/batches").handler(this::list);
    county.get("/comparison/batches/:id").handler(this::get);
    county.get("/comparison/batches/:id/records").handler(this::records);
    county.post("/comparison/batches/:id/rollback").handler(this::rollback);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields q = Fields.ofQuery(rc);
    Where where = Where.county("b.county_code", Http.county(rc))
        .and("b.department = $?", q.oneOf("department", ComparisonSheet.DEPARTMENTS, false))
        .and("b.period = $?", q.text("period", 7, false))
        .and("b.status = $?", q.oneOf("status", List.of("applied", "rolled-back"), false));
    q.validate();
    where.list(ctx.pool(), page, BATCH, "monitoring.comparison_batch b", "b.id DESC")
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    batch(ctx.pool(), Http.county(rc), Requests.id(rc, "id"), false)
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  /** A batch's records by row; {@code matched=false} lists the people not in the register (reportable). */
  private void records(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    Page page = Page.of(rc);
    Fields q = Fields.ofQuery(rc);
    Boolean matched = q.has("matched") ? q.bool("matched", false) : null;
    String outcome = q.oneOf("outcome", List.of("warned", "already-warned", "below-threshold", "unmatched"), false);
    q.validate();
    batch(ctx.pool(), county, id, false)
        .compose(b -> {
          Where where = Where.county("r.county_code", county).and("r.batch_id = $?", id)
              .and("(r.household_id IS NOT NULL) = $?", matched).and("r.outcome = $?", outcome);
          Long known = knownTotal(b, matched, outcome);
          if (known == null) {
            return where.list(ctx.pool(), page, RECORD, ROWS, "r.row_no");
          }
          return ctx.pool().preparedQuery("SELECT " + RECORD + " FROM " + ROWS + where.sql() + " ORDER BY r.row_no"
                  + where.page(page))
              .execute(where.params())
              .map(rows -> page.answer(Rows.array(rows), known));
        })
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  /**
   * The list's total from the batch's own counts when only {@code matched} filters it: counting a million-record
   * batch's rows for every page would scan them all; an {@code outcome} filter needs the count (null).
   */
  private static Long knownTotal(JsonObject batch, Boolean matched, String outcome) {
    if (outcome != null) {
      return null;
    }
    if ("rolled-back".equals(batch.getString("status"))) {
      return 0L; // its records were taken back with it
    }
    long inRegister = batch.getLong("matched");
    long outside = batch.getLong("unmatched");
    return matched == null ? inRegister + outside : matched ? inRegister : outside;
  }

  /**
   * Takes a whole batch back: its warnings (while none has been visited yet — after that the case has a life of its
   * own and the batch can no longer be undone), the households they marked, its signals and records. The batch row
   * stays, {@code rolled-back}, with its counts; importing the file again applies it anew.
   */
  private void rollback(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    String actor = Http.actor(rc);
    OffsetDateTime now = ctx.clock().instant().atOffset(ZoneOffset.UTC);
    ctx.audit().inTransaction(rc, conn -> batch(conn, county, id, true)
            .compose(b -> {
              if (!"applied".equals(b.getString("status"))) {
                throw Problem.conflict("该批次已撤回 / the batch is already rolled back");
              }
              return progressed(conn, id);
            })
            .compose(v -> conn.preparedQuery("DELETE FROM monitoring.warning w USING monitoring.comparison_record r"
                    + " WHERE r.batch_id = $1 AND w.signal_id = r.signal_id AND w.county_code = $2"
                    + " RETURNING w.household_id")
                .execute(Tuple.of(id, county)))
            .compose(deleted -> {
              List<Long> households = new ArrayList<>();
              deleted.forEach(r -> households.add(r.getLong("household_id")));
              return release(conn, county, households, actor, now, id).map(households.size());
            })
            .compose(warnings -> conn.preparedQuery("DELETE FROM monitoring.signal s"
                    + " USING monitoring.comparison_record r WHERE r.batch_id = $1 AND s.id = r.signal_id")
                .execute(Tuple.of(id))
                .compose(signals -> conn.preparedQuery("DELETE FROM monitoring.comparison_record WHERE batch_id = $1")
                    .execute(Tuple.of(id))
                    .compose(records -> conn.preparedQuery("DELETE FROM monitoring.comparison_unmatched"
                            + " WHERE batch_id = $1").execute(Tuple.of(id))
                        .map(unmatched -> new JsonObject().put("warnings", warnings)
                            .put("signals", signals.rowCount())
                            .put("records", records.rowCount() + unmatched.rowCount())))))
            .compose(removed -> conn.preparedQuery("UPDATE monitoring.comparison_batch SET status = 'rolled-back',"
                    + " rolled_back_at = $3, rolled_back_by = $4 WHERE id = $1 AND county_code = $2")
                .execute(Tuple.of(id, county, now, actor))
                .compose(v -> batch(conn, county, id, false))
                .map(json -> new Audited<>(json.put("removed", removed),
                    AuditEntry.of("rollback", "comparison-batch", id).withDetail(removed)))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  /** 409 when a warning of the batch was already visited or settled. */
  private static Future<Void> progressed(SqlConnection conn, long batch) {
    return conn.preparedQuery("SELECT w.id FROM monitoring.warning w JOIN monitoring.comparison_record r"
            + " ON w.signal_id = r.signal_id WHERE r.batch_id = $1 AND w.state <> 'open' ORDER BY w.id LIMIT 20")
        .execute(Tuple.of(batch))
        .map(rows -> {
          if (rows.size() > 0) {
            List<Long> ids = new ArrayList<>();
            rows.forEach(r -> ids.add(r.getLong("id")));
            throw Problem.conflict("批次的预警已入户核实或办结，不能整批撤回 / warnings of the batch were already"
                + " visited or settled: " + ids);
          }
          return null;
        });
  }

  /** Households whose only open warning came from the batch go back to their state before it; history says why. */
  private static Future<Void> release(SqlConnection conn, String county, List<Long> households, String actor,
      OffsetDateTime now, long batch) {
    if (households.isEmpty()) {
      return Future.succeededFuture();
    }
    Long[] ids = households.toArray(Long[]::new);
    return conn.preparedQuery("UPDATE monitoring.household h SET risk_state = CASE WHEN h.eliminated_on IS NULL"
            + " THEN 'normal' ELSE 'eliminated' END WHERE h.id = ANY($1) AND h.county_code = $2"
            + " AND h.risk_state = 'warned' AND NOT EXISTS (SELECT 1 FROM monitoring.warning o"
            + " WHERE o.household_id = h.id AND o.state <> 'settled')")
        .execute(Tuple.of(ids, county))
        .compose(v -> conn.preparedQuery("INSERT INTO monitoring.household_history (household_id, county_code, at,"
                + " actor, action, detail) SELECT DISTINCT i, $2::text, $3::timestamptz, $4::text, 'comparison-rolled-back',"
                + " jsonb_build_object('batchId', $5::bigint) FROM unnest($1::bigint[]) i")
            .execute(Tuple.of(ids, county, now, actor, batch)))
        .mapEmpty();
  }

  private static Future<JsonObject> batch(SqlClient conn, String county, long id, boolean lock) {
    return conn.preparedQuery("SELECT " + BATCH + " FROM monitoring.comparison_batch b WHERE b.id = $1"
            + " AND b.county_code = $2" + (lock ? " FOR UPDATE" : "")).execute(Tuple.of(id, county))
        .map(rows -> Rows.one(rows, "比对批次", "comparison batch"));
  }
}
