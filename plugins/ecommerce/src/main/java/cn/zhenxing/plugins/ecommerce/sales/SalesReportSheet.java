package cn.zhenxing.plugins.ecommerce.sales;

import cn.zhenxing.plugins.ecommerce.support.Months;
import cn.zhenxing.plugins.ecommerce.support.Rows;
import cn.zhenxing.plugins.ecommerce.support.Settings;
import cn.zhenxing.plugins.ecommerce.support.SheetChecks;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.SheetExport;
import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.sdk.sheet.StagedRows;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Shops' monthly sales reports as a spreadsheet, keyed by platform, shop name and month. Re-importing a month
 * replaces its figures and counts as a correction (the import itself is audited by the core). E-town-level reports
 * are entered through the API.
 */
public final class SalesReportSheet {

  /** The platform's Chinese name as the sheet shows it ↔ its code, from the seeded platform table. */
  private static final String PLATFORM_BY_NAME =
      "(SELECT p.code FROM ecommerce.platform p WHERE p.name_zh = st.platform)";

  private final PluginContext ctx;
  private final Settings settings;

  public SalesReportSheet(PluginContext ctx, Settings settings) {
    this.ctx = ctx;
    this.settings = settings;
  }

  public void register() {
    SheetSpec spec = SheetSpec.of("sales-reports", "月度销售报表")
        .column(Column.text("platform", "店铺平台").required().dictionary("淘宝", "拼多多", "抖音", "微信", "京东", "其他"))
        .column(Column.text("shopName", "店铺名称").required().maxLength(60))
        .column(Column.date("month", "月份").required().format("yyyy-mm")
            .note("当月任一日期，如 2024-03-01 / any day of the month").example("2024-03-01"))
        .column(Column.integer("orders", "订单数").required())
        .column(Column.decimal("salesValue", "网络销售额（元）").required().format("0.00"))
        .column(Column.integer("productsSold", "销售件数").required())
        .column(Column.county("county", "县区"))
        .naturalKey("platform", "shopName", "month");
    ctx.sheets().register(spec, this::merge, this::export);
  }

  private Future<Long> merge(SqlConnection conn, StagedRows staged) {
    String t = staged.table();
    LocalDate today = settings.today(ctx.clock());
    String shop = "(SELECT s.id FROM ecommerce.shop s WHERE s.county_code = st.county_code"
        + " AND s.platform = " + PLATFORM_BY_NAME + " AND s.name = st.shop_name)";
    return SheetChecks.none(conn, "SELECT row_no FROM " + t + " st WHERE " + shop + " IS NULL", Tuple.tuple(),
            "店铺名称", "本县该平台没有这个店铺 / no such shop on the platform in the county")
        .compose(v -> SheetChecks.none(conn, "SELECT row_no FROM " + t + " st WHERE orders < 0 OR sales_value < 0"
            + " OR products_sold < 0 OR orders > 2147483647 OR products_sold > 2147483647", Tuple.tuple(),
            "订单数", "数值不能为负 / figures must not be negative"))
        .compose(v -> SheetChecks.none(conn, "SELECT row_no FROM " + t + " st"
                + " WHERE date_trunc('month', month)::date >= $1::date",
            Tuple.of(today.withDayOfMonth(1)), "月份", "只能报送已结束的月份 / only a month that has ended"))
        .compose(v -> SheetChecks.none(conn, "SELECT max(row_no) AS row_no FROM " + t + " st GROUP BY platform,"
            + " shop_name, date_trunc('month', month) HAVING count(*) > 1", Tuple.tuple(), "月份",
            "同一店铺同一月份重复 / the same shop and month twice"))
        .compose(v -> conn.preparedQuery("INSERT INTO ecommerce.sales_report (county_code, shop_id, month, orders,"
                + " sales_value, products_sold, late, reported_at, updated_at)"
                + " SELECT st.county_code, " + shop + ", date_trunc('month', st.month)::date, st.orders,"
                + " st.sales_value, st.products_sold,"
                + " $1::date > (date_trunc('month', st.month) + interval '1 month')::date + ($2::int - 1), $3, $3"
                + " FROM " + t + " st ORDER BY 2, 3"
                + " ON CONFLICT (shop_id, month) DO UPDATE SET orders = excluded.orders,"
                + " sales_value = excluded.sales_value, products_sold = excluded.products_sold,"
                + " corrections = sales_report.corrections + 1, updated_at = excluded.updated_at"
                + " WHERE (sales_report.orders, sales_report.sales_value, sales_report.products_sold)"
                + " IS DISTINCT FROM (excluded.orders, excluded.sales_value, excluded.products_sold)")
            .execute(Tuple.of(today, settings.reportDueDay(), Rows.now(ctx.clock()))))
        .map(rows -> (long) rows.rowCount());
  }

  private SheetExport.Query export(County county, MultiMap filters) {
    List<Object> params = new ArrayList<>(List.of(county.code()));
    String sql = "SELECT p.name_zh AS platform, s.name AS shop_name, r.month, r.orders, r.sales_value,"
        + " r.products_sold, r.county_code AS county, r.county_code FROM ecommerce.sales_report r"
        + " JOIN ecommerce.shop s ON s.id = r.shop_id JOIN ecommerce.platform p ON p.code = s.platform"
        + " WHERE r.county_code = $1";
    String month = filters.get("month");
    if (month != null) {
      LocalDate m = Months.parse(month);
      if (m == null) {
        throw Problem.invalid("month", "月份格式应为 yyyy-MM / must be a month written yyyy-MM");
      }
      params.add(m);
      sql += " AND r.month = $" + params.size();
    }
    return SheetExport.Query.of(sql + " ORDER BY r.month, s.id", params.toArray());
  }
}
