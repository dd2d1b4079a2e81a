package cn.zhenxing.plugins.supply.monitoring;

import cn.zhenxing.plugins.supply.support.Scope;
import cn.zhenxing.plugins.supply.support.Settings;
import cn.zhenxing.plugins.supply.support.Writes;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.HttpRoutes;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Monthly reports of the monitoring points: due by day {@code reportDueDay} of the month they report on; one
 * arriving later is stored with {@code late = true}. Each report is checked for price anomalies in its transaction.
 */
public final class ReportRoutes {

  static final String COLUMNS = "r.id, r.county_code AS county, r.point_id, p.name AS point_name,"
      + " to_char(r.period, 'YYYY-MM') AS period, r.submitted_at, r.late, r.demo,"
      + " (SELECT json_agg(json_build_object('product', l.product, 'retailPrice', l.retail_price,"
      + " 'cumulativeSales', l.cumulative_sales, 'stock', l.stock, 'purchases', l.purchases) ORDER BY l.product)"
      + " FROM supply.report_line l WHERE l.report_id = r.id) AS lines";
  static final String FROM = "supply.point_report r JOIN supply.monitoring_point p ON p.id = r.point_id";

  private final PluginContext ctx;
  private final Settings settings;
  private final PriceAnomalies anomalies;
  private final Writes writes;

  public ReportRoutes(PluginContext ctx, Settings settings, PriceAnomalies anomalies) {
    this.ctx = ctx;
    this.settings = settings;
    this.anomalies = anomalies;
    this.writes = new Writes(ctx);
  }

  /** Which request field a broken unique key names (declared once, at registration). */
  public static void declareConstraints(HttpRoutes http) {
    http.constraint("point_report_point_id_period_key", "period",
        "该监测点本月已报送 / this point has already reported on this month");
  }

  public void mountCounty(Router county) {
    county.get("/reports").handler(this::list);
    county.post("/points/:id/reports").handler(this::submit);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields f = Fields.ofQuery(rc);
    YearMonth period = f.month("period", false);
    f.validate();
    Where where = Where.county("r.county_code", Scope.of(rc))
        .and("r.period = $?", period == null ? null : period.atDay(1));
    where.list(ctx.pool(), page, COLUMNS, FROM, "r.period DESC, r.point_id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void submit(RoutingContext rc) {
    long pointId = Requests.id(rc, "id");
    String county = Scope.of(rc);
    Fields f = Fields.of(Requests.jsonBody(rc));
    YearMonth period = f.month("period", true);
    List<ReportLine> lines = ReportLine.read(f);
    f.validate();
    var now = ctx.clock().instant();
    boolean late = LocalDate.ofInstant(now, ctx.zone()).isAfter(period.atDay(settings.reportDueDay()));
    writes.audited(rc, 201, "create", "point-report", conn -> conn
        .preparedQuery("SELECT active FROM supply.monitoring_point WHERE id = $1 AND county_code = $2")
        .execute(Tuple.of(pointId, county))
        .compose(rows -> {
          JsonObject point = Rows.one(rows, "监测点", "monitoring point");
          if (!point.getBoolean("active")) {
            return Future.failedFuture(Problem.conflict("监测点已停用 / The monitoring point is inactive"));
          }
          return conn.preparedQuery("INSERT INTO supply.point_report (county_code, point_id, period, submitted_at,"
                  + " late) VALUES ($1, $2, $3, $4, $5) RETURNING id")
              .execute(Tuple.of(county, pointId, period.atDay(1), now.atOffset(ZoneOffset.UTC), late));
        })
        .compose(rows -> insertLines(conn, rows.iterator().next().getLong("id"), lines))
        .compose(id -> anomalies.check(conn, id).compose(raised -> conn
            .preparedQuery("SELECT " + COLUMNS + " FROM " + FROM + " WHERE r.id = $1")
            .execute(Tuple.of(id)).map(rows -> Rows.json(rows.iterator().next()).put("anomalies", raised)))));
  }

  static Future<Long> insertLines(SqlConnection conn, long reportId, List<ReportLine> lines) {
    return conn.preparedQuery("INSERT INTO supply.report_line (report_id, product, retail_price, cumulative_sales,"
            + " stock, purchases) SELECT $1, * FROM unnest($2::text[], $3::text[]::numeric[],"
            + " $4::text[]::numeric[], $5::text[]::numeric[], $6::text[]::numeric[])")
        .execute(Tuple.tuple().addLong(reportId)
            .addValue(lines.stream().map(ReportLine::product).toArray(String[]::new))
            .addValue(lines.stream().map(l -> l.retailPrice().toPlainString()).toArray(String[]::new))
            .addValue(lines.stream().map(l -> l.cumulativeSales().toPlainString()).toArray(String[]::new))
            .addValue(lines.stream().map(l -> l.stock().toPlainString()).toArray(String[]::new))
            .addValue(lines.stream().map(l -> l.purchases().toPlainString()).toArray(String[]::new)))
        .map(reportId);
  }
}
