package cn.zhenxing.server.security;

import cn.zhenxing.sdk.http.Requests;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * The session of the current request, as the authentication step found it: the account's state is read afresh on
 * every request.
 *
 * @param tokenHash         the stored hash of the bearer token
 * @param account           the account, as it is now
 * @param expiresAt         the session's absolute end
 * @param idleExpiresAt     when it ends if not used again
 * @param mustChangePassword the session may only change the password (set by an administrator, or too old)
 * @param totpSetupRequired the session may only set up the second factor the configuration requires
 */
record ActiveSession(byte[] tokenHash, Account account, Instant expiresAt, Instant idleExpiresAt,
    boolean mustChangePassword, boolean totpSetupRequired) {

  static final String KEY = "zx.session";

  /** The request's session; the authentication step guarantees one on every route but login. */
  static ActiveSession of(RoutingContext rc) {
    ActiveSession session = rc.get(KEY);
    if (session == null) {
      Requests.principal(rc); // throws the 401
      throw new IllegalStateException("a principal without a session");
    }
    return session;
  }
}
