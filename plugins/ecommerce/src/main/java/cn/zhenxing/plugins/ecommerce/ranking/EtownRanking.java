package cn.zhenxing.plugins.ecommerce.ranking;

import java.time.OffsetDateTime;
import cn.zhenxing.plugins.ecommerce.support.Months;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.job.JobRun;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;

/**
 * Job {@code etown-ranking} (city-wide, quarterly): ranks the e-towns of the counties enabling the programme for the
 * quarter that has just ended, by online sales growth over the quarter before (e-towns without sales the quarter
 * before come last), then by households linked. Both a city and a county rank are stored; rerunning a quarter
 * replaces its ranking.
 */
public final class EtownRanking {

  private static final String RANK = """
      WITH subject_sales AS (
        SELECT coalesce(r.etown_id, l.etown_id) AS etown_id, r.month, r.sales_value
          FROM ecommerce.sales_report r
          LEFT JOIN ecommerce.shop s ON s.id = r.shop_id
          LEFT JOIN ecommerce.leader l ON l.id = s.leader_id
         WHERE r.month >= $3 AND r.month < $2),
      households AS (
        SELECT l.etown_id, count(DISTINCT h.person_index) AS n
          FROM ecommerce.linked_household h JOIN ecommerce.leader l ON l.id = h.leader_id
         WHERE h.linked_on < $2 GROUP BY l.etown_id),
      figures AS (
        SELECT e.id, e.county_code,
               coalesce((SELECT sum(ss.sales_value) FROM subject_sales ss
                          WHERE ss.etown_id = e.id AND ss.month >= $1), 0) AS sales,
               coalesce((SELECT sum(ss.sales_value) FROM subject_sales ss
                          WHERE ss.etown_id = e.id AND ss.month < $1), 0) AS previous,
               coalesce(h.n, 0) AS households
          FROM ecommerce.etown e LEFT JOIN households h ON h.etown_id = e.id
         WHERE e.county_code = ANY($4) AND e.listed_on < $2),
      growth AS (
        SELECT f.*, CASE WHEN previous > 0 THEN round((sales - previous) / previous, 4) END AS growth FROM figures f)
      INSERT INTO ecommerce.etown_ranking (quarter, etown_id, county_code, sales, previous_sales, growth,
                                           linked_households, city_rank, county_rank, computed_at)
      SELECT $5, id, county_code, sales, previous, growth, households,
             rank() OVER (ORDER BY growth DESC NULLS LAST, households DESC),
             rank() OVER (PARTITION BY county_code ORDER BY growth DESC NULLS LAST, households DESC),
             $6
        FROM growth
      """;

  private final PluginContext ctx;

  public EtownRanking(PluginContext ctx) {
    this.ctx = ctx;
  }

  public Future<Void> rank(JobRun run) {
    LocalDate today = LocalDate.ofInstant(run.scheduledAt(), ctx.zone());
    LocalDate thisQuarter = Months.quarterStart(Months.quarter(today));
    LocalDate start = thisQuarter.minusMonths(3);
    String quarter = Months.quarter(start);
    String[] counties = ctx.counties().enabling(ctx.pluginId()).stream().map(County::code).toArray(String[]::new);
    return run.connection().preparedQuery("DELETE FROM ecommerce.etown_ranking WHERE quarter = $1")
        .execute(Tuple.of(quarter))
        .compose(v -> run.connection().preparedQuery(RANK).execute(Tuple.tuple().addLocalDate(start)
            .addLocalDate(thisQuarter).addLocalDate(start.minusMonths(3)).addArrayOfString(counties)
            .addString(quarter).addOffsetDateTime(OffsetDateTime.now(ctx.clock()))))
        .mapEmpty();
  }
}
