package cn.zhenxing.plugins.ecommerce.acceptance;

import cn.zhenxing.sdk.http.FieldError;
import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an e-town meets the active acceptance criteria: each measure of the e-town against the city's threshold.
 * Online sales count the 12 calendar months before the month of the check, from the e-town's own reports and those
 * of the shops of its leaders.
 */
public final class AcceptanceCheck {

  /** One criterion and how the e-town stands against it. */
  public record Result(Measure measure, BigDecimal threshold, BigDecimal actual) {
    public boolean met() {
      return actual.compareTo(threshold) >= 0;
    }

    JsonObject toJson() {
      return new JsonObject().put("measure", measure.code()).put("label", measure.label())
          .put("threshold", threshold).put("actual", actual).put("met", met());
    }
  }

  private static final String MEASURES = """
      SELECT
        (SELECT coalesce(sum(r.sales_value), 0) FROM ecommerce.sales_report r
           LEFT JOIN ecommerce.shop s ON s.id = r.shop_id
           LEFT JOIN ecommerce.leader l ON l.id = s.leader_id
          WHERE r.county_code = $1 AND (r.etown_id = $2 OR l.etown_id = $2)
            AND r.month >= $3 AND r.month < $4) AS annual_online_sales,
        (SELECT count(*) FROM ecommerce.leader WHERE county_code = $1 AND etown_id = $2) AS leaders,
        (SELECT count(*) FROM ecommerce.leader l WHERE l.county_code = $1 AND l.etown_id = $2
            AND EXISTS (SELECT 1 FROM ecommerce.attendance a WHERE a.leader_id = l.id)) AS trained_leaders,
        (SELECT count(DISTINCT h.person_index) FROM ecommerce.linked_household h
           JOIN ecommerce.leader l ON l.id = h.leader_id
          WHERE l.county_code = $1 AND l.etown_id = $2) AS linked_households,
        (SELECT coalesce(sum(h.income_gained), 0) FROM ecommerce.linked_household h
           JOIN ecommerce.leader l ON l.id = h.leader_id
          WHERE l.county_code = $1 AND l.etown_id = $2) AS household_income
      """;

  private AcceptanceCheck() {
  }

  /** Every active criterion with the e-town's figure, as of {@code day}. */
  public static Future<List<Result>> evaluate(SqlConnection conn, String county, long etownId, LocalDate day) {
    LocalDate monthStart = day.withDayOfMonth(1);
    return conn.preparedQuery(MEASURES).execute(Tuple.of(county, etownId, monthStart.minusMonths(12), monthStart))
        .compose(measures -> conn.query("SELECT measure, threshold FROM ecommerce.acceptance_criterion"
                + " WHERE active ORDER BY measure").execute()
            .map(criteria -> {
              Row figures = measures.iterator().next();
              List<Result> results = new ArrayList<>();
              for (Row c : criteria) {
                Measure m = Measure.of(c.getString("measure")).orElseThrow();
                results.add(new Result(m, c.getBigDecimal("threshold"), new BigDecimal(figures.getValue(m.code())
                    .toString())));
              }
              return results;
            }));
  }

  public static JsonObject toJson(List<Result> results) {
    JsonArray items = new JsonArray();
    results.forEach(r -> items.add(r.toJson()));
    return new JsonObject().put("ready", ready(results)).put("criteria", items);
  }

  public static boolean ready(List<Result> results) {
    return !results.isEmpty() && results.stream().allMatch(Result::met);
  }

  /**
   * Fails unless every active criterion is met: a 409 listing each unmet criterion as an error
   * ({@code criteria.leaders}: needs 3, has 1), or saying that the city has configured none.
   */
  public static void requireMet(List<Result> results) {
    if (results.isEmpty()) {
      throw new Problem(409, "/problems/ecommerce/acceptance-unconfigured", "验收标准未配置 / No acceptance criteria",
          "市级尚未配置乡村e镇验收标准，无法验收 / The city has configured no acceptance criteria yet");
    }
    List<FieldError> unmet = results.stream().filter(r -> !r.met()).map(r -> new FieldError("criteria."
        + r.measure().code(), r.measure().label() + "：应不少于 " + r.threshold().stripTrailingZeros().toPlainString()
        + "，实际 " + r.actual().stripTrailingZeros().toPlainString() + " / needs at least "
        + r.threshold().stripTrailingZeros().toPlainString() + ", has "
        + r.actual().stripTrailingZeros().toPlainString())).toList();
    if (!unmet.isEmpty()) {
      String detail = unmet.stream().map(e -> e.field() + ": " + e.reason()).reduce((a, b) -> a + "; " + b)
          .orElseThrow();
      throw new Problem(409, "/problems/ecommerce/acceptance-unmet", "未达到验收标准 / Acceptance criteria not met",
          detail, unmet);
    }
  }
}
