package cn.zhenxing.plugins.supply.sheets;

import static cn.zhenxing.plugins.supply.sheets.Limits.MAX_REPORTED;

import cn.zhenxing.plugins.supply.monitoring.PriceAnomalies;
import cn.zhenxing.plugins.supply.support.Settings;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.sheet.SheetCheck;
import cn.zhenxing.sdk.sheet.SheetExport;
import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.sdk.sheet.StagedRows;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Import and export of monitoring-point reports, one row per point, month and product. Importing creates or updates
 * the month's report of each point (late when imported after its due day) and runs the price-anomaly check on each.
 */
final class ReportSheet {

  private final PluginContext ctx;
  private final Settings settings;
  private final PriceAnomalies anomalies;

  ReportSheet(PluginContext ctx, Settings settings, PriceAnomalies anomalies) {
    this.ctx = ctx;
    this.settings = settings;
    this.anomalies = anomalies;
  }

  /**
   * The API's rules for a report: the month written yyyy-MM, the point the county's own, the price positive and
   * the quantities not negative, all within the API's bounds.
   */
  static SheetSpec checked(SheetSpec spec) {
    return spec
        .check(SheetCheck.rejectWhere("s.period !~ '^[0-9]{4}-(0[1-9]|1[0-2])$'",
            "period", "月份格式应为 yyyy-MM / must be a month written yyyy-MM"))
        .check(SheetCheck.rejectWhere("NOT EXISTS (SELECT 1 FROM supply.monitoring_point p"
                + " WHERE p.county_code = s.county_code AND p.name = s.point_name)", "pointName",
            "监测点在本县区不存在 / no such monitoring point in this county"))
        .check(SheetCheck.rejectWhere("s.retail_price <= 0 OR s.retail_price > " + MAX_REPORTED, "retailPrice", "应大于 0 且不超过 " + MAX_REPORTED + " / must be greater than 0 and at most "
            + MAX_REPORTED))
        .check(quantity("cumulativeSales", "cumulative_sales"))
        .check(quantity("stock", "stock"))
        .check(quantity("purchases", "purchases"));
  }

  private static SheetCheck quantity(String column, String sqlName) {
    return SheetCheck.rejectWhere("s." + sqlName + " < 0 OR s." + sqlName + " > " + MAX_REPORTED, column, "不能为负且不超过 " + MAX_REPORTED + " / must be at least 0 and at most " + MAX_REPORTED);
  }

  /** The staged rows with the monitoring point each names (none when it is not this county's). */
  private static String joined(String table) {
    return " FROM " + table + " s LEFT JOIN supply.monitoring_point p ON p.county_code = s.county_code"
        + " AND p.name = s.point_name";
  }

  Future<Long> merge(SqlConnection conn, StagedRows staged) {
    String t = staged.table();
    var now = ctx.clock().instant();
    LocalDate today = LocalDate.ofInstant(now, ctx.zone());
    String joined = joined(t);
    return conn.preparedQuery("INSERT INTO supply.point_report (county_code, point_id, period,"
            + " submitted_at, late) SELECT DISTINCT s.county_code, p.id, to_date(s.period || '-01', 'YYYY-MM-DD'),"
            + " $1::timestamptz, $2::date > to_date(s.period || '-01', 'YYYY-MM-DD') + ($3::int - 1)" + joined
            + " ORDER BY 2, 3 ON CONFLICT (point_id, period) DO UPDATE SET submitted_at = excluded.submitted_at"
            + " RETURNING id")
        .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), today, settings.reportDueDay()))
        .compose(reports -> {
          List<Long> ids = new ArrayList<>();
          for (Row r : reports) {
            ids.add(r.getLong("id"));
          }
          return conn.query("INSERT INTO supply.report_line (report_id, product, retail_price, cumulative_sales,"
                  + " stock, purchases) SELECT r.id, pr.code, s.retail_price, s.cumulative_sales, s.stock, s.purchases"
                  + joined + " JOIN supply.point_report r ON r.point_id = p.id"
                  + " AND r.period = to_date(s.period || '-01', 'YYYY-MM-DD')"
                  + " JOIN supply.product pr ON pr.name_zh = s.product ORDER BY 1, 2"
                  + " ON CONFLICT (report_id, product) DO UPDATE SET retail_price = excluded.retail_price,"
                  + " cumulative_sales = excluded.cumulative_sales, stock = excluded.stock,"
                  + " purchases = excluded.purchases")
              .execute()
              .compose(lines -> checkAll(conn, ids).map((long) lines.rowCount()));
        });
  }

  /** The anomaly check of each imported report, one after another on the import's connection. */
  private Future<Void> checkAll(SqlConnection conn, List<Long> reportIds) {
    Future<Void> chain = Future.succeededFuture();
    for (long id : reportIds) {
      chain = chain.compose(v -> anomalies.check(conn, id).mapEmpty());
    }
    return chain;
  }

  static SheetExport.Query export(County county, MultiMap filters) {
    return SheetExport.Query.of("SELECT p.name AS point_name, to_char(r.period, 'YYYY-MM') AS period,"
        + " pr.name_zh AS product, l.retail_price, l.cumulative_sales, l.stock, l.purchases, r.county_code"
        + " FROM supply.point_report r JOIN supply.monitoring_point p ON p.id = r.point_id"
        + " JOIN supply.report_line l ON l.report_id = r.id JOIN supply.product pr ON pr.code = l.product"
        + " WHERE r.county_code = $1 ORDER BY r.period, p.name, pr.position", county.code());
  }
}
