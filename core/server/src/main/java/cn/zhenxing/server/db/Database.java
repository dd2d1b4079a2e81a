package cn.zhenxing.server.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one PostgreSQL database of a server: the reactive pool every request and job uses, and a JDBC data source for
 * the blocking tools that need one (Flyway, and later {@code COPY}). Both point at the same server.
 */
public final class Database {

  private final Pool pool;
  private final PGSimpleDataSource dataSource;
  private final PgConnectOptions connectOptions;

  private Database(Pool pool, PGSimpleDataSource dataSource, PgConnectOptions connectOptions) {
    this.pool = pool;
    this.dataSource = dataSource;
    this.connectOptions = connectOptions;
  }

  /** Connects to the database named by a {@code postgresql://} URI (no I/O until first use). */
  public static Database connect(Vertx vertx, String uri, int poolSize) {
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
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {options.getHost()});
    ds.setPortNumbers(new int[] {options.getPort()});
    ds.setDatabaseName(options.getDatabase());
    ds.setUser(options.getUser());
    if (options.getPassword() != null) {
      ds.setPassword(options.getPassword());
    }
    ds.setApplicationName("zhenxing");
    return new Database(pool, ds, options);
  }

  public Pool pool() {
    return pool;
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
    return pool.close();
  }
}
