package cn.zhenxing.server.audit;

import cn.zhenxing.sdk.job.Job;
import cn.zhenxing.sdk.job.JobRun;
import cn.zhenxing.sdk.job.JobSpec;
import cn.zhenxing.server.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The core's daily job {@code core/audit-retention}: deletes audit rows older than
 * {@code security.audit.retentionDays} (at least {@value #MIN_DAYS}) through {@code core.audit_prune}, which also
 * keeps the pruned id runs so the rest of the chain still verifies, and which never removes a row younger than 180
 * days by the database's clock whatever cutoff it is given. The pruning is itself audited in the same transaction.
 */
public final class AuditRetention implements Job {

  public static final String JOB = "audit-retention";
  public static final int MIN_DAYS = 180;
  static final String SETTING = "security.audit.retentionDays";

  private final AuditTrail audit;
  private final Clock clock;
  private final int retentionDays;

  public AuditRetention(AuditTrail audit, Clock clock, int retentionDays) {
    if (retentionDays < MIN_DAYS) {
      throw new IllegalArgumentException("retention below " + MIN_DAYS + " days: " + retentionDays);
    }
    this.audit = audit;
    this.clock = clock;
    this.retentionDays = retentionDays;
  }

  /**
   * Reads {@code security.audit.retentionDays} from the configuration's {@code security} section.
   *
   * @throws ConfigException when it is missing, not a whole number, or below {@value #MIN_DAYS}
   */
  public static int retentionDays(JsonObject security) {
    Object audit = security == null ? null : security.getValue("audit");
    Object raw = audit instanceof JsonObject section ? section.getValue("retentionDays") : null;
    if (raw == null) {
      throw new ConfigException(SETTING + " is missing from the configuration.");
    }
    long days;
    try {
      days = raw instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
          ? number.longValue() : Long.parseLong(String.valueOf(raw).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(SETTING + " must be a whole number of days (at least " + MIN_DAYS + "), got \""
          + raw + "\".");
    }
    if (days < MIN_DAYS || days > 36_500) {
      throw new ConfigException(SETTING + " must be from " + MIN_DAYS + " to 36500 days (audit rows are kept at "
          + "least " + MIN_DAYS + " days), got " + days + ".");
    }
    return (int) days;
  }

  /** Daily at 03:30 (server time zone), once for the whole city. */
  public JobSpec spec() {
    return JobSpec.cron(JOB, "30 3 * * *").cityWide().timeout(Duration.ofMinutes(30))
        .description("删除超过保留期的审计记录 / Deletes audit records older than " + retentionDays + " days");
  }

  public int retentionDays() {
    return retentionDays;
  }

  @Override
  public Future<Void> run(JobRun run) {
    Instant cutoff = clock.instant().minus(Duration.ofDays(retentionDays));
    return run.connection().preparedQuery("SELECT core.audit_prune($1) AS deleted")
        .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.iterator().next().getLong("deleted"))
        .compose(deleted -> audit.append(run.connection(), new AuditRecord(clock.instant(), null, null, null, null,
            AuditTrail.CORE, null, "prune", "audit_log", null, AuditRecord.SUCCESS, new JsonObject()
                .put("deleted", deleted).put("cutoff", cutoff.toString()).put("retentionDays", retentionDays)
                .put("manual", run.manual()))));
  }
}
