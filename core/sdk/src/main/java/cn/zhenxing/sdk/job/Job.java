package cn.zhenxing.sdk.job;

import io.vertx.core.Future;

/**
 * The work of a scheduled job for one tick (and one county). It runs inside the run's database transaction, which
 * also holds the run's ledger row: what it writes through {@link JobRun#connection()} commits exactly once, and
 * nothing of it remains if it fails or times out.
 */
@FunctionalInterface
public interface Job {
  Future<Void> run(JobRun run);
}
