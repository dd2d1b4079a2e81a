package cn.zhenxing.plugins.monitoring.support;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * The household's timeline: every change is one row written on the connection of the change, so the history never
 * misses a change that committed and never shows one that rolled back.
 */
public final class History {

  private final Clock clock;

  public History(Clock clock) {
    this.clock = clock;
  }

  public Future<Void> record(SqlConnection conn, long householdId, String county, String actor, String action,
      JsonObject detail) {
    return conn.preparedQuery("INSERT INTO monitoring.household_history (household_id, county_code, at, actor, action,"
            + " detail) VALUES ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(householdId, county, clock.instant().atOffset(ZoneOffset.UTC), actor, action,
            detail == null ? new JsonObject() : detail))
        .mapEmpty();
  }
}
