package cn.zhenxing.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.testkit.Eventually;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The session cache is used only while change notifications are seen to arrive. A listener that PostgreSQL accepts
 * but that never hears anything (as behind a transaction-pooling proxy; here: listening in another database, where
 * this database's notifications never go) must leave every lookup to the database.
 */
class SessionCacheProbeTest {

  @RegisterExtension
  static final ZhenxingExtension zx = ZhenxingExtension.builder().build();

  private Vertx vertx;
  private SessionCache heard;
  private SessionCache deaf;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    PgConnectOptions same = PgConnectOptions.fromUri(zx.databaseUri());
    if (zx.sql("SELECT 1 FROM pg_database WHERE datname = 'elsewhere'").size() == 0) {
      zx.sql("CREATE DATABASE elsewhere");
    }
    PgConnectOptions elsewhere = new PgConnectOptions(same).setDatabase("elsewhere");
    heard = new SessionCache(vertx, zx.pool(), () -> same, Duration.ofMinutes(5));
    deaf = new SessionCache(vertx, zx.pool(), () -> elsewhere, Duration.ofMinutes(5));
    heard.start();
    deaf.start();
  }

  @AfterEach
  void stop() {
    heard.stop().await();
    deaf.stop().await();
    vertx.close().await();
  }

  @Test
  void aListenerThatHearsNothingLeavesEveryLookupToTheDatabase() {
    Sessions.Found admin = admin();
    byte[] hash = admin.hash();
    AtomicInteger deafReads = new AtomicInteger();
    awaitInUse(heard, admin); // a cache whose notifications arrive answers from memory

    // Meanwhile the deaf one had as long to hear its own probe, and did not: it reads every time.
    for (int i = 0; i < 5; i++) {
      deaf.find(hash, () -> read(deafReads, admin)).await();
    }
    assertEquals(5, deafReads.get(), "no lookup answered from a cache that hears no notification");
  }

  @Test
  void aRecordedUseNeverBringsBackAnAccountReadBeforeAChange() {
    Sessions.Found before = admin();
    awaitInUse(heard, before);
    heard.forget(before.account().id()); // the account changed …
    Sessions.Found after = admin();        // … and the next request read it afresh
    assertEquals(after, heard.find(after.hash(), () -> Future.succeededFuture(Optional.of(after))).await()
        .orElseThrow());
    // A request that was still using the old copy now records the session's use.
    heard.touched(before, Instant.now());
    Sessions.Found cached = heard.find(after.hash(), () -> Future.failedFuture("not cached")).await().orElseThrow();
    assertTrue(cached == after, "the fresher read stays cached");
  }

  /** Uses the session until the cache answers it from memory (its first probe has come back). */
  private static void awaitInUse(SessionCache cache, Sessions.Found found) {
    AtomicInteger reads = new AtomicInteger();
    Eventually.poll(Duration.ofSeconds(10), "the cache in use", () -> {
      int before = reads.get();
      cache.find(found.hash(), () -> read(reads, found)).await();
      return reads.get() == before;
    }, fromMemory -> fromMemory);
  }

  @Test
  void aCacheSwitchedOffByConfigurationReadsEveryTime() {
    SessionCache off = new SessionCache(vertx, zx.pool(), () -> PgConnectOptions.fromUri(zx.databaseUri()),
        Duration.ZERO);
    off.start();
    Sessions.Found admin = admin();
    AtomicInteger reads = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      off.find(admin.hash(), () -> read(reads, admin)).await();
    }
    assertEquals(3, reads.get());
    off.stop().await();
  }

  private static Future<Optional<Sessions.Found>> read(AtomicInteger reads, Sessions.Found found) {
    reads.incrementAndGet();
    return Future.succeededFuture(Optional.of(found));
  }

  private static Sessions.Found admin() {
    Account account = Account.from(zx.sql("SELECT " + Account.COLUMNS + " FROM core.account a WHERE a.username = "
        + "'admin'").iterator().next());
    assertTrue(account.id() > 0);
    Instant now = Instant.now();
    return new Sessions.Found(Sessions.hash("x".repeat(43)), account, now, now, now.plus(Duration.ofHours(1)));
  }
}
