package cn.zhenxing.sdk.job;

import cn.zhenxing.sdk.county.County;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.Optional;

/** One run of a job. */
public interface JobRun {

  /** The job's name. */
  String job();

  /** The tick this run is for: the scheduled instant (or the time of a manual trigger). */
  Instant scheduledAt();

  /** The county this run is for; empty for a city-wide job. */
  Optional<County> county();

  /** The connection of the run's transaction. */
  SqlConnection connection();

  /** True when an operator triggered the run through the API. */
  boolean manual();
}
