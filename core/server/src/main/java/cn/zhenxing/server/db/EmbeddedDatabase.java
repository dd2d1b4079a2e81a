package cn.zhenxing.server.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 17 used when no {@code ZX_DB_URL} is configured. Unlike zonky's test defaults, its data
 * directory is kept under {@code <dataDir>/postgres} across restarts and it runs durably ({@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} on). Blocking: call from a worker thread.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts (and on first use initialises) the database in {@code dataDir/postgres}.
   *
   * @param port 0 to pick a free port
   */
  public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
    Path pgData = dataDir.resolve("postgres");
    Path binaries = dataDir.resolve("pg-runtime");
    Files.createDirectories(pgData);
    Files.createDirectories(binaries);
    long started = System.nanoTime();
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(new File(binaries.toString()))
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setServerConfig("max_connections", "200")
        .setServerConfig("timezone", "UTC");
    if (port > 0) {
      builder.setPort(port);
    }
    EmbeddedPostgres postgres = builder.start();
    LOG.info("Embedded PostgreSQL started on port {} with data in {} ({} ms)", postgres.getPort(), pgData,
        (System.nanoTime() - started) / 1_000_000);
    return new EmbeddedDatabase(postgres);
  }

  /** The {@code postgresql://} URI of the {@code postgres} database as the {@code postgres} superuser. */
  public String uri() {
    return "postgresql://postgres@localhost:" + postgres.getPort() + "/postgres";
  }

  public int port() {
    return postgres.getPort();
  }

  /** Stops the server with a fast, clean shutdown (checkpoint, no recovery needed at the next start). */
  @Override
  public void close() throws IOException {
    postgres.close();
    LOG.info("Embedded PostgreSQL stopped");
  }
}
