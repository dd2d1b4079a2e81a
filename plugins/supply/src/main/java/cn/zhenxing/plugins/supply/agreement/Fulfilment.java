package cn.zhenxing.plugins.supply.agreement;

import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.plugins.supply.support.Scope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Agreed and delivered tonnes by scope and product, always computed from the agreements and deliveries (a query,
 * not a stored copy), with the scope's agreement target.
 */
public final class Fulfilment {

  /** Agreed and delivered tonnes per scope and product, for one scope ($1) or all (null). */
  static final String BY_SCOPE_AND_PRODUCT = "SELECT a.county_code, a.product, sum(a.tonnes) AS agreed,"
      + " coalesce(sum(d.delivered), 0) AS delivered, count(*) FILTER (WHERE d.delivered > a.tonnes) AS over_delivered"
      + " FROM supply.agreement a LEFT JOIN (SELECT agreement_id, sum(tonnes) AS delivered FROM supply.delivery"
      + " GROUP BY agreement_id) d ON d.agreement_id = a.id WHERE ($1::text IS NULL OR a.county_code = $1)"
      + " GROUP BY a.county_code, a.product ORDER BY a.county_code, a.product";

  private Fulfilment() {
  }

  /** One scope (a county or the city's own agreements): totals, target and per product. */
  public static Future<JsonObject> ofScope(SqlClient db, String scope) {
    Future<JsonObject> figures = db.preparedQuery(BY_SCOPE_AND_PRODUCT).execute(Tuple.of(scope)).map(rows -> {
      Totals total = new Totals();
      JsonArray products = new JsonArray();
      long over = 0;
      for (Row row : rows) {
        Totals t = new Totals().add(row);
        total.add(row);
        over += row.getLong("over_delivered");
        products.add(t.json().put("product", row.getString("product")));
      }
      return total.json().put("products", products).put("overDeliveredAgreements", over);
    });
    Future<BigDecimal> target = target(db, "agreement", scope);
    return Future.all(figures, target).map(v -> {
      JsonObject answer = figures.result().put("county", scope);
      // The city's target row is the counties' total, not a target for the city's own agreements.
      if (!Scope.isCity(scope)) {
        answer.put("target", Rows.decimal(target.result()))
            .put("targetProgress", share(answer.getValue("agreed"), target.result()));
      }
      return answer;
    });
  }

  /** Every scope at once, for the city's overview: scope code → totals and target. */
  public static Future<Map<String, JsonObject>> byScope(SqlClient db) {
    Future<Map<String, JsonObject>> figures = db.preparedQuery(BY_SCOPE_AND_PRODUCT)
        .execute(Tuple.of((Object) null)).map(rows -> {
          Map<String, Totals> totals = new TreeMap<>();
          rows.forEach(row -> totals.computeIfAbsent(row.getString("county_code"), k -> new Totals()).add(row));
          Map<String, JsonObject> out = new LinkedHashMap<>();
          totals.forEach((k, t) -> out.put(k, t.json()));
          return out;
        });
    return figures;
  }

  /** Agreed and delivered per product over the counties (the city's own agreements excluded). */
  public static Future<JsonArray> countiesByProduct(SqlClient db) {
    return db.preparedQuery(BY_SCOPE_AND_PRODUCT).execute(Tuple.of((Object) null)).map(rows -> {
      Map<String, Totals> byProduct = new TreeMap<>();
      rows.forEach(row -> {
        if (!"140700".equals(row.getString("county_code"))) {
          byProduct.computeIfAbsent(row.getString("product"), k -> new Totals()).add(row);
        }
      });
      JsonArray out = new JsonArray();
      byProduct.forEach((p, t) -> out.add(t.json().put("product", p)));
      return out;
    });
  }

  static Future<BigDecimal> target(SqlClient db, String kind, String scope) {
    return db.preparedQuery("SELECT tonnes FROM supply.target WHERE kind = $1 AND county_code = $2")
        .execute(Tuple.of(kind, scope))
        .map(rows -> rows.size() == 0 ? BigDecimal.ZERO : rows.iterator().next().getBigDecimal("tonnes"));
  }

  /** part / whole to four places, null when there is no whole to measure against. */
  static BigDecimal share(Object part, BigDecimal whole) {
    if (whole == null || whole.signum() == 0) {
      return null;
    }
    return new BigDecimal(part.toString()).divide(whole, 4, RoundingMode.HALF_UP);
  }

  private static final class Totals {
    BigDecimal agreed = BigDecimal.ZERO;
    BigDecimal delivered = BigDecimal.ZERO;

    Totals add(Row row) {
      agreed = agreed.add(row.getBigDecimal("agreed"));
      delivered = delivered.add(row.getBigDecimal("delivered"));
      return this;
    }

    JsonObject json() {
      return new JsonObject().put("agreed", Rows.decimal(agreed)).put("delivered", Rows.decimal(delivered))
          .put("fulfilment", share(delivered, agreed));
    }
  }
}
