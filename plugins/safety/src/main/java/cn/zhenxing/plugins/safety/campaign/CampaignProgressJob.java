package cn.zhenxing.plugins.safety.campaign;

import cn.zhenxing.sdk.job.JobRun;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The campaign progress summary (city-wide, weekly by default): for the latest campaign, each county's summed targets
 * and progress and how many of its activities have reached their target, kept as one snapshot per county and day in
 * {@code safety.campaign_progress_snapshot} so progress can be followed over time (a rerun the same day replaces it).
 */
public final class CampaignProgressJob {

  private final ZoneId zone;

  public CampaignProgressJob(ZoneId zone) {
    this.zone = zone;
  }

  public Future<Void> run(JobRun run) {
    LocalDate day = LocalDate.ofInstant(run.scheduledAt(), zone);
    return run.connection().preparedQuery("INSERT INTO safety.campaign_progress_snapshot (campaign_id, county_code,"
            + " taken_on, target_count, done_count, activities_done, activities)"
            + " SELECT a.campaign_id, p.county_code, $1, sum(p.target_count), sum(p.done_count),"
            + " count(*) FILTER (WHERE p.done_count >= p.target_count),"
            + " (SELECT count(*) FROM safety.activity x WHERE x.campaign_id = a.campaign_id)"
            + " FROM safety.activity_progress p JOIN safety.activity a ON a.id = p.activity_id"
            + " WHERE a.campaign_id = (SELECT id FROM safety.campaign ORDER BY year DESC LIMIT 1)"
            + " GROUP BY a.campaign_id, p.county_code"
            + " ON CONFLICT (campaign_id, county_code, taken_on) DO UPDATE SET target_count = excluded.target_count,"
            + " done_count = excluded.done_count, activities_done = excluded.activities_done,"
            + " activities = excluded.activities")
        .execute(Tuple.of(day))
        .mapEmpty();
  }
}
