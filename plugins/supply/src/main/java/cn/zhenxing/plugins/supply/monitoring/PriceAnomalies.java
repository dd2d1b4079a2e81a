package cn.zhenxing.plugins.supply.monitoring;

import cn.zhenxing.plugins.supply.alert.Alert;
import cn.zhenxing.plugins.supply.alert.Alerts;
import cn.zhenxing.plugins.supply.support.Products;
import cn.zhenxing.plugins.supply.support.Settings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Price anomalies of one report, checked right after it is stored (same transaction): a product's price rising more
 * than {@code priceRiseShare} over the point's previous report of it, or lying more than {@code medianExcessShare}
 * above the median of the other points' prices of the same month (once at least {@code medianMinPoints} reported).
 */
public final class PriceAnomalies {

  private static final String RISES = "SELECT r.county_code, r.point_id, p.name AS point_name, r.period, l.product,"
      + " l.retail_price AS value, prev.retail_price AS reference FROM supply.report_line l"
      + " JOIN supply.point_report r ON r.id = l.report_id JOIN supply.monitoring_point p ON p.id = r.point_id"
      + " JOIN LATERAL (SELECT pl.retail_price FROM supply.point_report pr JOIN supply.report_line pl"
      + " ON pl.report_id = pr.id AND pl.product = l.product WHERE pr.point_id = r.point_id AND pr.period < r.period"
      + " ORDER BY pr.period DESC LIMIT 1) prev ON true"
      + " WHERE l.report_id = $1 AND l.retail_price > prev.retail_price * (1 + $2::numeric)";

  private static final String ABOVE_MEDIAN = "SELECT r.county_code, r.point_id, p.name AS point_name, r.period,"
      + " l.product, l.retail_price AS value, round(m.median::numeric, 2) AS reference FROM supply.report_line l"
      + " JOIN supply.point_report r ON r.id = l.report_id JOIN supply.monitoring_point p ON p.id = r.point_id"
      + " JOIN LATERAL (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ol.retail_price) AS median,"
      + " count(*) AS points FROM supply.point_report o JOIN supply.report_line ol ON ol.report_id = o.id"
      + " AND ol.product = l.product WHERE o.period = r.period AND o.point_id <> r.point_id) m ON true"
      + " WHERE l.report_id = $1 AND m.points >= $3 AND l.retail_price > m.median::numeric * (1 + $2::numeric)";

  private final Alerts alerts;
  private final Settings settings;

  public PriceAnomalies(Alerts alerts, Settings settings) {
    this.alerts = alerts;
    this.settings = settings;
  }

  /** Raises the report's anomalies and answers them. */
  public Future<JsonArray> check(SqlConnection conn, long reportId) {
    Future<List<Alert>> rises = conn.preparedQuery(RISES).execute(Tuple.of(reportId, settings.priceRiseShare()))
        .map(rows -> toAlerts(rows, "price-rise"));
    Future<List<Alert>> medians = rises.compose(r -> conn.preparedQuery(ABOVE_MEDIAN)
            .execute(Tuple.of(reportId, settings.medianExcessShare(), settings.medianMinPoints())))
        .map(rows -> toAlerts(rows, "price-above-median"));
    return medians.compose(m -> {
      List<Alert> all = new ArrayList<>(rises.result());
      all.addAll(m);
      Future<Void> chain = Future.succeededFuture();
      JsonArray raised = new JsonArray();
      for (Alert a : all) {
        chain = chain.compose(v -> alerts.raise(conn, a)).map(fresh -> {
          raised.add(new JsonObject().put("kind", a.kind()).put("product", a.product())
              .put("value", a.value()).put("reference", a.reference()));
          return null;
        });
      }
      return chain.map(raised);
    });
  }

  private List<Alert> toAlerts(Iterable<Row> rows, String kind) {
    List<Alert> list = new ArrayList<>();
    for (Row row : rows) {
      String product = row.getString("product");
      BigDecimal value = row.getBigDecimal("value");
      BigDecimal reference = row.getBigDecimal("reference");
      String pct = value.subtract(reference).multiply(BigDecimal.valueOf(100))
          .divide(reference, 1, RoundingMode.HALF_UP).toPlainString() + "%";
      String versus = kind.equals("price-rise") ? "较上期 " + reference.toPlainString() + " 元/吨上涨 " + pct
          + " / up " + pct + " on the previous report's " + reference.toPlainString()
          : "高于全市中位数 " + reference.toPlainString() + " 元/吨 " + pct + " / " + pct + " above the city median "
              + reference.toPlainString();
      list.add(new Alert(row.getString("county_code"), kind, "point-" + row.getLong("point_id") + "/" + product,
          row.getLocalDate("period"), product, row.getLong("point_id"), value, reference,
          "农资价格异常 / Farm-supply price anomaly",
          row.getString("point_name") + " " + Products.name(product) + " 零售价 " + value.toPlainString()
              + " 元/吨，" + versus));
    }
    return list;
  }
}
