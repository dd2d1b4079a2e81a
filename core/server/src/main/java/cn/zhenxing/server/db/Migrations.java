package cn.zhenxing.server.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway migrations of one owner (the core or a plugin): its own schema, its own history table, its own location,
 * read through its own class loader. Blocking: run on a worker thread.
 */
public final class Migrations {

  private Migrations() {
  }

  /**
   * Migrates {@code schema} with the scripts at {@code location} ({@code classpath:} is implied).
   *
   * @return the number of migrations applied
   */
  public static int migrate(DataSource dataSource, ClassLoader classLoader, String schema, String location) {
    MigrateResult result = Flyway.configure(classLoader)
        .dataSource(dataSource)
        .schemas(schema)
        .table("flyway_history")
        .locations("classpath:" + location)
        .createSchemas(true)
        .failOnMissingLocations(false)
        .validateMigrationNaming(true)
        .load()
        .migrate();
    return result.migrationsExecuted;
  }
}
