package cn.zhenxing.sdk.job;

/** Where a plugin declares its scheduled jobs. */
public interface Jobs {

  /**
   * Declares a job. The host runs it on schedule, once per tick across all server processes sharing the database,
   * for each county that enables the plugin (or once for the city, see {@link JobSpec#cityWide()}), and records
   * every run in {@code core.job_run}.
   */
  void schedule(JobSpec spec, Job job);
}
