package cn.zhenxing.server.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions read in the last few seconds, so that a busy client costs no session query per request (measured: the
 * lookup was a third of the work of a simple read). Safe only because every change that could make a cached session
 * wrong is heard at once:
 *
 * <ul>
 *   <li>any change to an account or to a session's revocation — by any server process, tool or hand-written statement
 *       — is announced by triggers on {@value #CHANNEL} when its transaction commits (core migration V7); this
 *       process listens on a connection of its own and forgets that account's sessions;</li>
 *   <li>a change made by a request of this process is forgotten before its answer leaves
 *       ({@link #forgetAll()}), so the client's next request never sees the old state;</li>
 *   <li>while the listening connection is down or not yet listening, nothing is served from the cache (every
 *       request reads the database, as without a cache); it is checked every few seconds and re-established;</li>
 *   <li>an entry is used at most {@code ttl} after it was read, as a last bound should a notification ever be
 *       lost on a connection that looks alive.</li>
 * </ul>
 *
 * A read that started before a change and ends after it must not be cached: every forgetting moves an epoch, and a
 * read is kept only when the epoch has not moved since it began. Absent sessions are never cached (a login on
 * another process works at once). Expiry is not the cache's business: the caller checks the times on every request.
 */
final class SessionCache {

  private static final Logger LOG = LoggerFactory.getLogger(SessionCache.class);
  /** The notification channel of account and session changes; its payload is the account id. */
  static final String CHANNEL = "zx_session_change";
  static final String LISTENER_NAME = "zhenxing-session-listener";
  private static final int MAX_ENTRIES = 10_000;
  private static final long RETRY_MS = 1_000;
  private static final long PING_MS = 5_000;

  private record Entry(Sessions.Found found, long readAt) {
  }

  private final Vertx vertx;
  private final Supplier<PgConnectOptions> connectOptions;
  private final long ttlNanos;
  private final ConcurrentHashMap<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong epoch = new AtomicLong();
  private volatile PgConnection listener;
  private volatile boolean listening;
  private volatile boolean stopped;
  private final AtomicBoolean retryPending = new AtomicBoolean();
  private long pingTimer = -1;
  private Counter hits;
  private Counter misses;

  /** A cache whose entries live at most {@code ttl}; {@link Duration#ZERO} turns it off. */
  SessionCache(Vertx vertx, Supplier<PgConnectOptions> connectOptions, Duration ttl) {
    this.vertx = vertx;
    this.connectOptions = connectOptions;
    this.ttlNanos = ttl.toNanos();
  }

  boolean enabled() {
    return ttlNanos > 0;
  }

  /** Counts hits and misses and shows whether the cache may be used ({@code zx_session_cache_*}). */
  void bindMetrics(MeterRegistry registry) {
    hits = Counter.builder("zx_session_cache_lookups").tag("result", "hit")
        .description("Session lookups answered from the cache / 会话缓存命中").register(registry);
    misses = Counter.builder("zx_session_cache_lookups").tag("result", "miss")
        .description("Session lookups that read the database / 会话查询数据库").register(registry);
    Gauge.builder("zx_session_cache_listening", this, c -> c.listening ? 1 : 0)
        .description("1 when the cache is in use: its change notifications are being heard").register(registry);
  }

  /** Starts listening for changes; until that succeeds, lookups read the database. */
  void start() {
    if (enabled()) {
      connect();
      pingTimer = vertx.setPeriodic(PING_MS, id -> ping());
    }
  }

  /** Stops listening; lookups read the database from now on. */
  Future<Void> stop() {
    stopped = true;
    stopListening();
    if (pingTimer >= 0) {
      vertx.cancelTimer(pingTimer);
    }
    PgConnection current = listener;
    listener = null;
    return current == null ? Future.succeededFuture() : current.close().otherwiseEmpty();
  }

  /** The cached session with this token hash, or the loader's answer (kept when it is safe to keep). */
  Future<Optional<Sessions.Found>> find(byte[] hash, Supplier<Future<Optional<Sessions.Found>>> loader) {
    if (!listening) {
      return loader.get();
    }
    ByteBuffer key = ByteBuffer.wrap(hash);
    Entry entry = entries.get(key);
    if (entry != null && System.nanoTime() - entry.readAt() < ttlNanos) {
      count(hits);
      return Future.succeededFuture(Optional.of(entry.found()));
    }
    count(misses);
    long began = epoch.get();
    long readAt = System.nanoTime();
    return loader.get().onSuccess(found -> {
      if (found.isPresent() && listening && epoch.get() == began) {
        if (entries.size() >= MAX_ENTRIES) {
          entries.clear();
        }
        entries.put(key, new Entry(found.get(), readAt));
        if (epoch.get() != began) {
          entries.remove(key); // forgotten while being put
        }
      }
    });
  }

  /** After this process recorded a use of the session: the cached copy carries the new time. */
  void touched(byte[] hash, Sessions.Found updated) {
    entries.computeIfPresent(ByteBuffer.wrap(hash), (k, e) -> new Entry(updated, e.readAt()));
  }

  /** Forgets every cached session of one account. */
  void forget(long accountId) {
    epoch.incrementAndGet();
    entries.values().removeIf(e -> e.found().account().id() == accountId);
  }

  /** Forgets everything (a request of this process changed accounts or sessions). */
  void forgetAll() {
    epoch.incrementAndGet();
    entries.clear();
  }

  private static void count(Counter counter) {
    if (counter != null) {
      counter.increment();
    }
  }

  // ------------------------------------------------------------------------------------------------ listening

  private void connect() {
    if (stopped) {
      return;
    }
    PgConnectOptions options = new PgConnectOptions(connectOptions.get());
    options.getProperties().put("application_name", LISTENER_NAME);
    PgConnection.connect(vertx, options)
        .compose(conn -> {
          listener = conn;
          conn.notificationHandler(n -> {
            if (CHANNEL.equals(n.getChannel())) {
              forget(n.getPayload());
            }
          });
          conn.closeHandler(v -> {
            if (listener == conn) {
              listener = null;
              stopListening();
              LOG.warn("Session cache: the listening connection closed; sessions are read from the database "
                  + "until it is back");
              retry();
            }
          });
          return conn.query("LISTEN " + CHANNEL).execute();
        })
        .onSuccess(v -> {
          if (stopped) {
            PgConnection late = listener;
            listener = null;
            if (late != null) {
              late.close();
            }
            return;
          }
          forgetAll(); // whatever changed while nobody listened
          listening = true;
          LOG.debug("Session cache: listening on {}", CHANNEL);
        })
        .onFailure(e -> {
          LOG.warn("Session cache: cannot listen for session changes ({}); sessions are read from the database",
              e.getMessage());
          PgConnection half = listener;
          listener = null;
          if (half != null) {
            half.close();
          }
          retry();
        });
  }

  /** One attempt at a time: a connection that fails while it starts is reported both closed and failed. */
  private void retry() {
    if (!stopped && retryPending.compareAndSet(false, true)) {
      vertx.setTimer(RETRY_MS, id -> {
        retryPending.set(false);
        connect();
      });
    }
  }

  private void forget(String payload) {
    try {
      forget(Long.parseLong(payload));
    } catch (NumberFormatException e) {
      forgetAll();
    }
  }

  private void stopListening() {
    listening = false;
    forgetAll();
  }

  /** A connection can die without closing (a dropped network): a statement that does not answer closes it. */
  private void ping() {
    PgConnection conn = listener;
    if (conn == null || !listening) {
      return;
    }
    long timer = vertx.setTimer(PING_MS, id -> {
      stopListening();
      conn.close();
    });
    conn.query("SELECT 1").execute().onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.failed()) {
        stopListening();
        conn.close();
      }
    });
  }
}
