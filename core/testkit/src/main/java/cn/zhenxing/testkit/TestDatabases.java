package cn.zhenxing.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL 17 per test JVM (zonky, test settings: fast, not durable), and a fresh database in it for
 * every server a test boots, so tests never see each other's rows. Stopped when the JVM exits.
 */
public final class TestDatabases {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabases() {
  }

  /** Creates an empty database and answers its {@code postgresql://} URI. */
  public static synchronized String newDatabase() {
    String name = "zx_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return "postgresql://postgres@localhost:" + postgres.getPort() + "/" + name;
  }

  private static EmbeddedPostgres server() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "400").start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL for tests", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          postgres.close();
        } catch (IOException ignored) {
          // the JVM is exiting
        }
      }));
    }
    return postgres;
  }
}
