package cn.zhenxing.server.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 *   <li>the cache is used only while notifications are seen to arrive: every few seconds this process sends one
 *       through the pool and expects it on its listening connection; until the first arrives, or once one is
 *       missed, or while that connection is down, every request reads the database, as without a cache, and the
 *       connection is re-established;</li>
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
  /** How often notifications are proven to arrive, and how long one may take. */
  private static final long PROBE_MS = 5_000;
  private static final String PROBE = "probe:";
  private static final long PROBE_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(PROBE_MS);

  private record Entry(Sessions.Found found, long readAt) {
  }

  private final Vertx vertx;
  private final Pool pool;
  private final Supplier<PgConnectOptions> connectOptions;
  private final long ttlNanos;
  private final ConcurrentHashMap<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();
  /** Moves on every forgetting: a read that began before it is not kept. */
  private final AtomicLong epoch = new AtomicLong();
  private volatile boolean listening;
  private volatile boolean stopped;
  private Counter hits;
  private Counter misses;

  // The listening connection and its probes.
  private volatile PgConnection listener;
  /** The connection whose LISTEN has completed. */
  private volatile PgConnection subscribed;
  private final AtomicBoolean retryPending = new AtomicBoolean();
  private long probeTimer = -1;
  /** Tells this process's probes from other processes' on the shared channel. */
  private final String instance = UUID.randomUUID().toString();
  private final AtomicLong probes = new AtomicLong();
  private volatile String awaitedProbe;
  private volatile long probeSentAt;
  /** An outage was logged; its end will be too. */
  private volatile boolean outageReported;

  /** A cache whose entries live at most {@code ttl}; {@link Duration#ZERO} turns it off. */
  SessionCache(Vertx vertx, Pool pool, Supplier<PgConnectOptions> connectOptions, Duration ttl) {
    this.vertx = vertx;
    this.pool = pool;
    this.connectOptions = connectOptions;
    this.ttlNanos = ttl.toNanos();
  }

  boolean enabled() {
    return ttlNanos > 0;
  }

  /** Counts hits and misses and shows whether the cache may be used ({@code zx_session_cache_*}). */
  void bindMetrics(MeterRegistry registry) {
    if (!enabled()) {
      return; // switched off by configuration: nothing to watch (and no "not listening" to alert on)
    }
    String lookups = "Session lookups: hit = answered from the cache, miss = read from the database / 会话查询次数";
    hits = Counter.builder("zx_session_cache_lookups").tag("result", "hit").description(lookups).register(registry);
    misses = Counter.builder("zx_session_cache_lookups").tag("result", "miss").description(lookups).register(registry);
    Gauge.builder("zx_session_cache_listening", this, c -> c.listening ? 1 : 0)
        .description("1 when the cache is in use: its change notifications are being heard").register(registry);
  }

  /** Starts listening for changes; until that succeeds, lookups read the database. */
  void start() {
    if (enabled()) {
      connect();
      probeTimer = vertx.setPeriodic(PROBE_MS, id -> probe());
    }
  }

  /** Stops listening; lookups read the database from now on. */
  Future<Void> stop() {
    stopped = true;
    stopListening();
    if (probeTimer >= 0) {
      vertx.cancelTimer(probeTimer);
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

  /**
   * After this process recorded a use of the session: the cached copy carries the new time — only if it is still the
   * copy that was used (a fresher read since, say after a role change, must not be overwritten with the older one).
   */
  void touched(Sessions.Found used, Instant at) {
    entries.computeIfPresent(ByteBuffer.wrap(used.hash()), (k, e) -> e.found() != used ? e
        : new Entry(new Sessions.Found(used.hash(), used.account(), used.createdAt(), at, used.expiresAt()),
            e.readAt()));
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
              heard(n.getPayload());
            }
          });
          conn.closeHandler(v -> {
            if (listener == conn) {
              listener = null;
              stopListening();
              outageReported = true;
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
          awaitedProbe = null;
          subscribed = listener;
          probe(); // in use once a notification has been seen to arrive
        })
        .onFailure(e -> {
          // Once per outage, not once a second while the database is away.
          if (!outageReported) {
            outageReported = true;
            LOG.warn("Session cache: cannot listen for session changes ({}); sessions are read from the database "
                + "until it can", e.getMessage());
          }
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

  private void heard(String payload) {
    if (payload.startsWith(PROBE)) {
      if (payload.equals(awaitedProbe)) {
        awaitedProbe = null;
        if (!listening) {
          forgetAll(); // whatever changed while nobody listened
          listening = true;
          if (outageReported) {
            outageReported = false;
            LOG.info("Session cache: change notifications are heard again; the cache is back in use");
          }
          LOG.debug("Session cache: in use; changes are heard on {}", CHANNEL);
        }
      }
      return; // another process's probe
    }
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

  /**
   * Proves, every few seconds, that a notification sent through the pool reaches the listening connection — the path
   * every change takes. Missing it turns the cache off and reconnects: a connection can die without closing (a
   * dropped network), and a transaction-pooling proxy (PgBouncer) accepts LISTEN yet never delivers anything.
   */
  private void probe() {
    PgConnection conn = listener;
    if (conn == null || conn != subscribed || stopped) {
      return; // not yet listening: a probe now could pass unheard
    }
    if (awaitedProbe != null && System.nanoTime() - probeSentAt < PROBE_TIMEOUT_NANOS) {
      return;
    }
    if (awaitedProbe != null) {
      outageReported = true;
      LOG.warn("Session cache: a change notification did not arrive within {} ms; sessions are read from the "
          + "database until notifications are heard again", PROBE_MS);
      awaitedProbe = null;
      stopListening();
      listener = null;
      conn.close();
      retry();
      return;
    }
    String token = PROBE + instance + ":" + probes.incrementAndGet();
    awaitedProbe = token;
    probeSentAt = System.nanoTime();
    pool.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, token))
        .onFailure(e -> LOG.debug("Session cache: could not send a probe: {}", e.getMessage()));
  }
}
