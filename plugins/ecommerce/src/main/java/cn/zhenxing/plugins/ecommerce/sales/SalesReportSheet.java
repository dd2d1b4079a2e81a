package cn.zhenxing.plugins.ecommerce.sales;

import java.time.OffsetDateTime;
import cn.zhenxing.plugins.ecommerce.support.Settings;
import cn.zhenxing.plugins.ecommerce.support.SheetChecks;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.SheetCheck;
import cn.zhenxing.sdk.sheet.SheetExport;
import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.sdk.sheet.StagedRows;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.YearMonth;
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
      "(SELECT p.code FROM ecommerce.platform p WHERE p.name_zh = s.platform)";
  /** The shop a staged row ({@code s}, as {@code SheetCheck.rejectWhere} names it) names, of the import's county. */
  private static final String SHOP = "(SELECT sh.id FROM ecommerce.shop sh WHERE sh.county_code = s.county_code"
      + " AND sh.platform = " + PLATFORM_BY_NAME + " AND sh.name = s.shop_name)";
  /** The API's upper bounds of the figures. */
  private static final String MAX_COUNT = "2147483647";
  private static final String MAX_VALUE = "999999999999";

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
        .naturalKey("platform", "shopName", "month")
        .check(SheetCheck.rejectWhere(SHOP + " IS NULL",
            "shopName", "本县该平台没有这个店铺 / no such shop on the platform in the county"))
        .check(figure("orders", "orders", MAX_COUNT))
        .check(figure("salesValue", "sales_value", MAX_VALUE))
        .check(figure("productsSold", "products_sold", MAX_COUNT))
        .check(SheetChecks.rows(staged -> "SELECT row_no FROM " + staged.table()
                + " WHERE date_trunc('month', month)::date >= $1::date",
            () -> Tuple.of(LocalDate.now(ctx.clock().withZone(ctx.zone())).withDayOfMonth(1)), "month",
            "只能报送已结束的月份 / only a month that has ended"))
        .check(this::sameShopAndMonthTwice);
    ctx.sheets().register(spec, this::merge, this::export);
  }

  private static SheetCheck figure(String column, String sqlName, String max) {
    return SheetCheck.rejectWhere("s." + sqlName + " < 0 OR s." + sqlName + " > " + max, column, "不能为负且不超过 " + max + " / must be at least 0 and at most " + max);
  }

  /**
   * Two rows of one shop in one month written as different days (the natural key compares the days): each later
   * row names the first.
   */
  private Future<List<SheetCheck.Rejection>> sameShopAndMonthTwice(SqlConnection conn, StagedRows staged) {
    return conn.query("SELECT row_no, first_row FROM (SELECT row_no, min(row_no) OVER (PARTITION BY platform,"
            + " shop_name, date_trunc('month', month)) AS first_row FROM " + staged.table() + ") x"
            + " WHERE row_no > first_row ORDER BY row_no LIMIT 1000")
        .execute()
        .map(rows -> {
          List<SheetCheck.Rejection> rejected = new ArrayList<>();
          for (Row r : rows) {
            int first = r.getInteger("first_row");
            rejected.add(new SheetCheck.Rejection(r.getInteger("row_no"), "month",
                "同一店铺同一月份与第 " + first + " 行重复 / the same shop and month as row " + first));
          }
          return rejected;
        });
  }

  private Future<Long> merge(SqlConnection conn, StagedRows staged) {
    String t = staged.table();
    LocalDate today = LocalDate.now(ctx.clock().withZone(ctx.zone()));
    return conn.preparedQuery("INSERT INTO ecommerce.sales_report (county_code, shop_id, month, orders,"
        + " sales_value, products_sold, late, reported_at, updated_at)"
        + " SELECT s.county_code, " + SHOP + ", date_trunc('month', s.month)::date, s.orders,"
        + " s.sales_value, s.products_sold,"
        + " $1::date > (date_trunc('month', s.month) + interval '1 month')::date + ($2::int - 1), $3, $3"
        + " FROM " + t + " s ORDER BY 2, 3"
        + " ON CONFLICT (shop_id, month) DO UPDATE SET orders = excluded.orders,"
        + " sales_value = excluded.sales_value, products_sold = excluded.products_sold,"
        + " corrections = sales_report.corrections + 1, updated_at = excluded.updated_at"
        + " WHERE (sales_report.orders, sales_report.sales_value, sales_report.products_sold)"
        + " IS DISTINCT FROM (excluded.orders, excluded.sales_value, excluded.products_sold)")
        .execute(Tuple.of(today, settings.reportDueDay(), OffsetDateTime.now(ctx.clock())))
        .map(rows -> (long) rows.rowCount());
  }

  private SheetExport.Query export(County county, MultiMap filters) {
    List<Object> params = new ArrayList<>(List.of(county.code()));
    String sql = "SELECT p.name_zh AS platform, s.name AS shop_name, r.month, r.orders, r.sales_value,"
        + " r.products_sold, r.county_code AS county, r.county_code FROM ecommerce.sales_report r"
        + " JOIN ecommerce.shop s ON s.id = r.shop_id JOIN ecommerce.platform p ON p.code = s.platform"
        + " WHERE r.county_code = $1";
    // The core hands the export its filters as a MultiMap, not the request: read them with Fields all the same.
    Fields f = Fields.of(new JsonObject().put("month", filters.get("month")));
    YearMonth month = f.month("month", false);
    f.validate();
    if (month != null) {
      params.add(month.atDay(1));
      sql += " AND r.month = $" + params.size();
    }
    return SheetExport.Query.of(sql + " ORDER BY r.month, s.id", params.toArray());
  }
}
