package cn.zhenxing.server.audit;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.security.Principal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;

/**
 * One row of the audit log, complete: who ({@code userId}/{@code username}, null for an anonymous attempt), when,
 * from where ({@code ip}), which request, in which plugin and county, what ({@code action} on
 * {@code objectType}/{@code objectId}) and how it ended ({@code result}: {@code success}, {@code denied} or
 * {@code failed}).
 */
public record AuditRecord(Instant at, Long userId, String username, String ip, String requestId, String plugin,
    String county, String action, String objectType, String objectId, String result, JsonObject detail) {

  public static final String SUCCESS = "success";
  public static final String DENIED = "denied";
  public static final String FAILED = "failed";

  /**
   * A row about something done in a request, attributed to the request's user (if any), client address and
   * request id; {@code county} may be null to take the county of a county route.
   */
  public static AuditRecord forRequest(Clock clock, RoutingContext rc, String plugin, String county, String action,
      String objectType, String objectId, String result, JsonObject detail) {
    Principal principal = rc.get(Requests.PRINCIPAL_KEY);
    County routeCounty = rc.get(Requests.COUNTY_KEY);
    SocketAddress remote = rc.request() == null ? null : rc.request().remoteAddress();
    return new AuditRecord(clock.instant(), principal == null ? null : principal.userId(),
        principal == null ? null : principal.username(), remote == null ? null : remote.hostAddress(),
        Requests.requestId(rc), plugin, county != null ? county : routeCounty == null ? null : routeCounty.code(),
        action, objectType, objectId, result, detail);
  }
}
