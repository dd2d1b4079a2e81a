package cn.zhenxing.plugins.labor.employment;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many people are employed on a day: a person with two jobs that day counts once, and counts as employed outside
 * the province when any of the jobs is outside it.
 */
public final class EmploymentCounts {

  /** Employed people and those of them working outside the province. */
  public record Figures(long employed, long outside) {
    public static final Figures NONE = new Figures(0, 0);
  }

  private static final String COUNT = "SELECT county_code, count(DISTINCT labourer_id) AS employed,"
      + " count(DISTINCT labourer_id) FILTER (WHERE place = 'outside') AS outside FROM labor.employment"
      + " WHERE start_date <= $1 AND (end_date IS NULL OR end_date >= $1)";

  private EmploymentCounts() {
  }

  /** Figures of every county with anyone employed on {@code day}. */
  public static Future<Map<String, Figures>> byCounty(SqlClient sql, LocalDate day) {
    return sql.preparedQuery(COUNT + " GROUP BY county_code").execute(Tuple.of(day)).map(rows -> {
      Map<String, Figures> map = new TreeMap<>();
      rows.forEach(r -> map.put(r.getString("county_code"), new Figures(r.getLong("employed"),
          r.getLong("outside"))));
      return map;
    });
  }

  /** Figures of one county on {@code day}. */
  public static Future<Figures> of(SqlClient sql, String county, LocalDate day) {
    return sql.preparedQuery(COUNT + " AND county_code = $2 GROUP BY county_code").execute(Tuple.of(day, county))
        .map(rows -> rows.size() == 0 ? Figures.NONE : new Figures(rows.iterator().next().getLong("employed"),
            rows.iterator().next().getLong("outside")));
  }
}
