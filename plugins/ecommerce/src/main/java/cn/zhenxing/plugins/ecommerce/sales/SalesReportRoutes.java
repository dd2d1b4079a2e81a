package cn.zhenxing.plugins.ecommerce.sales;

import cn.zhenxing.plugins.ecommerce.support.Months;
import cn.zhenxing.plugins.ecommerce.support.Settings;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Arrays;

/**
 * Monthly sales reports, one per shop (or per e-town, for sales no registered shop reports) and month. A second
 * report for the same month is a 409; figures are changed only through the correction route, which needs a reason
 * and is audited with the figures before and after.
 */
public final class SalesReportRoutes {

  private static final String COLUMNS = "r.id, r.county_code AS county, r.shop_id, s.name AS shop_name,"
      + " s.platform, r.etown_id, e.name AS etown_name, to_char(r.month, 'YYYY-MM') AS month, r.orders,"
      + " r.sales_value, r.products_sold, r.late, r.corrections, r.reported_at, r.demo";

  private static final String FROM = "ecommerce.sales_report r"
      + " LEFT JOIN ecommerce.shop s ON s.id = r.shop_id LEFT JOIN ecommerce.etown e ON e.id = r.etown_id";

  private static final String DUPLICATE = "该月已报送，如需修改请使用更正 PUT /sales-reports/{id} / already reported"
      + " for this month; correct it with PUT /sales-reports/{id}";

  private final PluginContext ctx;
  private final Settings settings;

  public SalesReportRoutes(PluginContext ctx, Settings settings) {
    this.ctx = ctx;
    this.settings = settings;
  }

  public void mount(Router county) {
    ctx.http().constraint("sales_report_shop_month", "month", DUPLICATE);
    ctx.http().constraint("sales_report_etown_month", "month", DUPLICATE);
    ctx.http().constraint("sales_report_shop", "shopId", "本县没有这个店铺 / no such shop in this county");
    ctx.http().constraint("sales_report_etown", "etownId", "本县没有这个乡村e镇 / no such e-town in this county");
    county.get("/sales-reports").handler(this::list);
    county.post("/sales-reports").handler(this::create);
    county.get("/sales-reports/:id").handler(this::get);
    county.put("/sales-reports/:id").handler(this::correct);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields query = Fields.ofQuery(rc);
    YearMonth month = query.month("month", false);
    Where where = Where.county("r.county_code", Requests.county(rc).code())
        .and("r.month = $?", month == null ? null : month.atDay(1))
        .and("r.shop_id = $?", query.integer("shopId", 1, Long.MAX_VALUE, false))
        .and("r.etown_id = $?", query.integer("etownId", 1, Long.MAX_VALUE, false))
        .and("r.late = $?", query.has("late") ? query.bool("late", false) : null);
    query.validate();
    where.list(ctx.pool(), page, COLUMNS, FROM, "r.month DESC, r.id")
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    load(ctx.reads(), Requests.county(rc).code(), Requests.id(rc, "id"))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    String county = Requests.county(rc).code();
    Fields f = Fields.of(Requests.jsonBody(rc));
    Long shop = f.integer("shopId", 1, Long.MAX_VALUE, false);
    Long etown = f.integer("etownId", 1, Long.MAX_VALUE, false);
    f.check(shop == null || etown == null, "etownId", "店铺和乡村e镇只能填一个 / give shopId or etownId, not both");
    f.check(f.has("shopId") || f.has("etownId"), "shopId", "必填（或填 etownId） / required (or etownId)");
    YearMonth asked = f.month("month", true);
    f.check(asked == null || asked.getYear() >= 2000, "month", "不能早于 2000 年 / must not be before 2000");
    LocalDate month = asked == null ? null : asked.atDay(1);
    Figures figures = Figures.read(f);
    LocalDate today = LocalDate.now(ctx.clock().withZone(ctx.zone()));
    f.check(month == null || month.isBefore(today.withDayOfMonth(1)), "month",
        "只能报送已结束的月份 / only a month that has ended can be reported");
    f.validate();
    boolean late = today.isAfter(settings.dueDate(month));
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("INSERT INTO ecommerce.sales_report (county_code,"
                + " shop_id, etown_id, month, orders, sales_value, products_sold, late, reported_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id")
            .execute(Tuple.from(Arrays.asList(county, shop, etown, month, figures.orders(), figures.salesValue(),
                figures.productsSold(), late, OffsetDateTime.now(ctx.clock()))))
            .map(rows -> rows.iterator().next().getLong("id"))
            .map(x -> new Audited<>(x, AuditEntry.of("create", "sales-report", x)
                .withDetail(figures.toJson().put("month", Months.format(month)).put("late", late)))))
        .compose(x -> load(ctx.pool(), county, x))
        .onSuccess(json -> Answers.created(rc, json)).onFailure(rc::fail);
  }

  /** Corrects the figures of a report, with a reason; the audit entry keeps the figures before and after. */
  private void correct(RoutingContext rc) {
    String county = Requests.county(rc).code();
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    Figures figures = Figures.read(f);
    String reason = f.text("reason", 200, true);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("SELECT orders, sales_value, products_sold"
                + " FROM ecommerce.sales_report WHERE county_code = $1 AND id = $2 FOR UPDATE")
            .execute(Tuple.of(county, id))
            .map(rows -> Figures.of(Rows.one(rows, "销售报表", "sales report")))
            .compose(before -> conn.preparedQuery("UPDATE ecommerce.sales_report SET orders = $3,"
                    + " sales_value = $4, products_sold = $5, corrections = corrections + 1, updated_at = $6"
                    + " WHERE county_code = $1 AND id = $2")
                .execute(Tuple.from(Arrays.asList(county, id, figures.orders(), figures.salesValue(),
                    figures.productsSold(), OffsetDateTime.now(ctx.clock()))))
                .map(done -> new Audited<>(id, AuditEntry.of("correct", "sales-report", id)
                    .withDetail(new JsonObject().put("before", before.toJson()).put("after", figures.toJson())
                        .put("reason", reason))))))
        .compose(x -> load(ctx.pool(), county, x))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  static Future<JsonObject> load(SqlClient client, String county, long id) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM " + FROM
            + " WHERE r.county_code = $1 AND r.id = $2").execute(Tuple.of(county, id))
        .map(rows -> Rows.one(rows, "销售报表", "sales report"));
  }

  /** The three figures of a report. */
  record Figures(Integer orders, BigDecimal salesValue, Integer productsSold) {

    static Figures read(Fields f) {
      Long orders = f.integer("orders", 0, Integer.MAX_VALUE, true);
      BigDecimal value = f.decimal("salesValue", BigDecimal.ZERO, new BigDecimal("999999999999"), true);
      Long sold = f.integer("productsSold", 0, Integer.MAX_VALUE, true);
      return new Figures(orders == null ? null : orders.intValue(), value, sold == null ? null : sold.intValue());
    }

    static Figures of(JsonObject row) {
      return new Figures(row.getInteger("orders"), (BigDecimal) row.getValue("salesValue"),
          row.getInteger("productsSold"));
    }

    JsonObject toJson() {
      return new JsonObject().put("orders", orders).put("salesValue", salesValue).put("productsSold", productsSold);
    }
  }
}
