package cn.zhenxing.server.security;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

/**
 * Session tokens: 32 random bytes from {@link SecureRandom}, base64url without padding (43 characters), handed to
 * the client once; the database keeps only their SHA-256, so reading {@code core.session} logs nobody in. A session
 * ends when revoked (logout, password change or reset, disabling), after the idle time without use, or at its
 * absolute end, whichever comes first; every check uses the server's clock.
 *
 * <p>{@code last_seen_at} is written at most every {@link #TOUCH_INTERVAL} per session, so a busy client costs one
 * indexed read per request and a write only every half minute. The recorded time may therefore lag the real last
 * use by up to that interval: a session expires at most that much early, never late.
 */
final class Sessions {

  /** How stale {@code last_seen_at} may get before a request writes it again. */
  static final Duration TOUCH_INTERVAL = Duration.ofSeconds(30);
  /** 32 random bytes in unpadded base64url. */
  private static final int TOKEN_LENGTH = 43;
  /** One digest per thread (every authenticated request hashes its token; looking up the provider each time shows). */
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  });

  /** A token as the client gets it and its hash as stored. */
  record Issued(String token, byte[] hash, Instant expiresAt) {
  }

  /** A live session's row joined with its account's current state. */
  record Found(byte[] hash, Account account, Instant createdAt, Instant lastSeen, Instant expiresAt) {
  }

  private final Pool pool;
  private final SecureRandom random;
  private final Duration idle;
  private final Duration absolute;
  private final SessionCache cache;

  Sessions(Pool pool, SecureRandom random, Duration idle, Duration absolute, SessionCache cache) {
    this.pool = pool;
    this.random = random;
    this.idle = idle;
    this.absolute = absolute;
    this.cache = cache;
  }

  SessionCache cache() {
    return cache;
  }

  Duration idle() {
    return idle;
  }

  /** Whether the text could be a token at all (anything else is refused without a query). */
  static boolean wellFormed(String token) {
    // A loop, not a regular expression: this runs for every authenticated request.
    if (token == null || token.length() != TOKEN_LENGTH) {
      return false;
    }
    for (int i = 0; i < TOKEN_LENGTH; i++) {
      char c = token.charAt(i);
      boolean base64url = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
      if (!base64url) {
        return false;
      }
    }
    return true;
  }

  static byte[] hash(String token) {
    return SHA_256.get().digest(token.getBytes(StandardCharsets.US_ASCII));
  }

  /** Creates a session for the account, in the caller's transaction. */
  Future<Issued> create(SqlClient client, long accountId, Instant now, String ip) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    byte[] hash = hash(token);
    Instant expires = now.plus(absolute);
    // Housekeeping for this account only: its ended sessions go as it starts a new one.
    return client.preparedQuery("DELETE FROM core.session WHERE account_id = $1 AND (revoked_at IS NOT NULL "
            + "OR expires_at <= $2 OR last_seen_at <= $3)")
        .execute(Tuple.of(accountId, utc(now), utc(now.minus(idle))))
        .compose(v -> client.preparedQuery("INSERT INTO core.session (token_hash, account_id, created_at, "
                + "last_seen_at, expires_at, ip) VALUES ($1, $2, $3, $3, $4, $5)")
            .execute(Tuple.of(Buffer.buffer(hash), accountId, utc(now), utc(expires), ip)))
        .map(v -> new Issued(token, hash, expires));
  }

  /**
   * The unrevoked session with this token and its account, whatever its times (the caller checks them): from the
   * {@link SessionCache} while it may be used, else from the database.
   */
  Future<Optional<Found>> find(String token) {
    byte[] hash = hash(token);
    return cache.find(hash, () -> read(hash));
  }

  private Future<Optional<Found>> read(byte[] hash) {
    return pool.preparedQuery("SELECT s.created_at AS s_created_at, s.last_seen_at, s.expires_at, "
            + Account.COLUMNS + " FROM core.session s JOIN core.account a ON a.id = s.account_id "
            + "WHERE s.token_hash = $1 AND s.revoked_at IS NULL")
        .execute(Tuple.of(Buffer.buffer(hash)))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new Found(hash, Account.from(row), row.getOffsetDateTime("s_created_at").toInstant(),
              row.getOffsetDateTime("last_seen_at").toInstant(), row.getOffsetDateTime("expires_at").toInstant()));
        });
  }

  /** When the session ends if it is not used again. */
  Instant idleEnd(Found session) {
    Instant idleEnd = session.lastSeen().plus(idle);
    return idleEnd.isBefore(session.expiresAt()) ? idleEnd : session.expiresAt();
  }

  /** Whether a use at {@code now} is recorded (the last recorded use is at least {@link #TOUCH_INTERVAL} old). */
  boolean touches(Found session, Instant now) {
    return Duration.between(session.lastSeen(), now).compareTo(TOUCH_INTERVAL) >= 0;
  }

  /** Records use of the session, unless it was recorded less than {@link #TOUCH_INTERVAL} ago. */
  Future<Void> touch(Found session, Instant now) {
    if (!touches(session, now)) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("UPDATE core.session SET last_seen_at = $2 WHERE token_hash = $1 "
            + "AND last_seen_at < $2")
        .execute(Tuple.of(Buffer.buffer(session.hash()), utc(now)))
        .onSuccess(rows -> cache.touched(session, now))
        .mapEmpty();
  }

  /** Revokes one session. */
  Future<Void> revoke(SqlClient client, byte[] hash, Instant now) {
    return client.preparedQuery("UPDATE core.session SET revoked_at = $2 WHERE token_hash = $1 "
            + "AND revoked_at IS NULL")
        .execute(Tuple.of(Buffer.buffer(hash), utc(now)))
        .mapEmpty();
  }

  /** Revokes every session of an account, except {@code keep} (may be null). */
  Future<Void> revokeAll(SqlClient client, long accountId, byte[] keep, Instant now) {
    return client.preparedQuery("UPDATE core.session SET revoked_at = $2 WHERE account_id = $1 "
            + "AND revoked_at IS NULL AND ($3::bytea IS NULL OR token_hash <> $3)")
        .execute(Tuple.of(accountId, utc(now), keep == null ? null : Buffer.buffer(keep)))
        .mapEmpty();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
