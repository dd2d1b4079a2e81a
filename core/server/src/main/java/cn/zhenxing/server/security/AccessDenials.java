package cn.zhenxing.server.security;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.server.audit.AuditRecord;
import cn.zhenxing.server.audit.AuditWriter;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Refuses a request with 403 and records the authorisation failure in the audit log. */
public final class AccessDenials {

  private static final Logger LOG = LoggerFactory.getLogger(AccessDenials.class);

  private final Pool pool;
  private final AuditWriter audit;
  private final Clock clock;

  public AccessDenials(Pool pool, AuditWriter audit, Clock clock) {
    this.pool = pool;
    this.audit = audit;
    this.clock = clock;
  }

  /** Fails the request with {@code problem} after recording the denial (a failed audit write is logged only). */
  public void deny(RoutingContext rc, String plugin, String permission, Problem problem) {
    County county = rc.get(Requests.COUNTY_KEY);
    AuditRecord record = AuditRecord.forRequest(clock, rc, plugin, county != null ? county.code()
            : rc.pathParam("county"), "access", "route", rc.request().method().name() + " " + rc.request().path(),
        AuditRecord.DENIED, new JsonObject().put("permission", permission).put("status", problem.status()));
    audit.append(pool, record)
        .onFailure(e -> LOG.error("Could not audit an authorisation failure: {}", e.getMessage()))
        .onComplete(ar -> rc.fail(problem));
  }

  /** The 403 for a missing permission. */
  public static Problem missing(String permission) {
    return Problem.forbidden("缺少权限 " + permission + " / You lack the permission " + permission);
  }
}
