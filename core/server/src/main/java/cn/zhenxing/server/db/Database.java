package cn.zhenxing.server.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one PostgreSQL database of a server: the reactive pool every transaction, request and job uses; a pipelined
 * client for short single-statement reads; and a JDBC data source for the blocking tools that need one (Flyway,
 * {@code COPY}). All point at the same server.
 */
public final class Database {

  /**
   * Statements a reads connection may have in flight at once. Measured on the household GET (32 concurrent clients,
   * 2 cores, 200,000 households, A/B against the pool): a limit of 1 (no pipelining) no faster than the pool; limits
   * of 2–32 12–65 % faster, most with 8–32 connections and a limit of 4–16. 8 is also short enough that a statement
   * queued behind a slower one waits for few others.
   */
  static final int READS_PIPELINING = 8;

  private final Pool pool;
  private final SqlClient reads;
  private final PGSimpleDataSource dataSource;
  private final PgConnectOptions connectOptions;

  private Database(Pool pool, SqlClient reads, PGSimpleDataSource dataSource, PgConnectOptions connectOptions) {
    this.pool = pool;
    this.reads = reads;
    this.dataSource = dataSource;
    this.connectOptions = connectOptions;
  }

  /**
   * Connects to the database named by a {@code postgresql://} URI (no I/O until first use).
   *
   * @param poolSize      connections of the pool (transactions, jobs, everything but short reads)
   * @param readsPoolSize connections of the pipelined reads client
   */
  public static Database connect(Vertx vertx, String uri, int poolSize, int readsPoolSize) {
    PgConnectOptions options = PgConnectOptions.fromUri(uri);
    // Each connection keeps its prepared statements: without this every preparedQuery first prepares (one round trip)
    // and then executes (another). Schemas change only in migrations, which run before any statement of their owner.
    options.setCachePreparedStatements(true).setPreparedStatementCacheMaxSize(512);
    // Connections spread over every event loop. The pool hands a request a connection on the request's own event
    // loop when it has a free one (Vert.x's same-event-loop selection), so the query and its answer need no hop to
    // another thread. Left to the default, every connection lived on the event loop that first filled the pool at
    // start-up (migrations, seed data), and every query of every HTTP event loop went through that one thread.
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(poolSize).setName("zhenxing").setMaxWaitQueueSize(10_000)
            .setEventLoopSize(Math.min(poolSize, VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE)))
        .connectingTo(options)
        .using(vertx)
        .build();
    // A pooled client, not a pool: a connection is not leased to one statement but carries up to READS_PIPELINING of
    // them at once, sent back to back; PostgreSQL answers them in order. The household GET went from ~7,000 to ~12,000
    // requests/s on 2 cores this way (monitoring README, "Benchmark").
    SqlClient reads = PgBuilder.client()
        .with(new PoolOptions().setMaxSize(readsPoolSize).setName("zhenxing-reads").setMaxWaitQueueSize(10_000)
            .setEventLoopSize(Math.min(readsPoolSize, VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE)))
        .connectingTo(new PgConnectOptions(options).setPipeliningLimit(READS_PIPELINING))
        .using(vertx)
        .build();
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {options.getHost()});
    ds.setPortNumbers(new int[] {options.getPort()});
    ds.setDatabaseName(options.getDatabase());
    ds.setUser(options.getUser());
    if (options.getPassword() != null) {
      ds.setPassword(options.getPassword());
    }
    ds.setApplicationName("zhenxing");
    return new Database(pool, reads, ds, options);
  }

  public Pool pool() {
    return pool;
  }

  /**
   * The pipelined client for short reads of one statement each (a record by its key): never for transactions,
   * writes or long queries, which would hold up the statements pipelined behind them on their connection.
   */
  public SqlClient reads() {
    return reads;
  }

  /** JDBC access for blocking work on worker threads only. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** A copy of the connection settings, for a connection of its own outside the pool (LISTEN). */
  public PgConnectOptions connectOptions() {
    return new PgConnectOptions(connectOptions);
  }

  /** Host, port and database, for log lines (never the password). */
  public String describe() {
    return connectOptions.getHost() + ":" + connectOptions.getPort() + "/" + connectOptions.getDatabase();
  }

  public Future<Void> close() {
    return Future.join(reads.close(), pool.close()).mapEmpty();
  }
}
