package cn.zhenxing.plugins.labor.target;

import cn.zhenxing.plugins.labor.employment.EmploymentCounts;
import cn.zhenxing.sdk.job.JobRun;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Monthly, per county: the employment figures of the day before the run (the last day of the month just ended, when
 * the job runs on the 1st) with the targets of that year. Running again for the same month replaces its snapshot.
 */
public final class SnapshotJob {

  private final ZoneId zone;

  public SnapshotJob(ZoneId zone) {
    this.zone = zone;
  }

  public Future<Void> run(JobRun run) {
    String county = run.county().orElseThrow().code();
    LocalDate asOf = LocalDate.ofInstant(run.scheduledAt(), zone).minusDays(1);
    return EmploymentCounts.of(run.connection(), county, asOf)
        .compose(f -> run.connection().preparedQuery("""
                INSERT INTO labor.monthly_snapshot (county_code, month, as_of, employed, outside, employed_target,
                                                    outside_target, taken_at)
                SELECT $1, $2, $3, $4, $5, t.employed_target, t.outside_target, $6
                FROM (SELECT 1) one LEFT JOIN labor.county_target t ON t.county_code = $1 AND t.year = $7
                ON CONFLICT (county_code, month) DO UPDATE SET as_of = excluded.as_of, employed = excluded.employed,
                  outside = excluded.outside, employed_target = excluded.employed_target,
                  outside_target = excluded.outside_target, taken_at = excluded.taken_at""")
            .execute(Tuple.from(new Object[] {county, asOf.withDayOfMonth(1), asOf, (int) f.employed(),
                (int) f.outside(), run.scheduledAt().atOffset(ZoneOffset.UTC), asOf.getYear()})))
        .mapEmpty();
  }
}
