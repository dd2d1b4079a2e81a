package cn.zhenxing.server.county;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.county.CountyRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The county registry: counties from {@code core.county}, enablement from {@code core.county_plugin}. Reads come
 * from memory; {@link #setEnabled} writes the database first and then memory, so a change takes effect for the
 * next request once the API call has answered.
 */
public final class Counties implements CountyRegistry {

  private final Pool pool;
  /** Counts this process's own changes, so a reload that raced with one does not undo it in memory. */
  private final java.util.concurrent.atomic.AtomicLong localChanges = new java.util.concurrent.atomic.AtomicLong();
  private volatile Map<String, County> byCode = Map.of();
  /** Replaced whole on reload, so a reader never sees a half-filled map. */
  private volatile Map<String, Set<String>> enabledByCounty = new ConcurrentHashMap<>();

  public Counties(Pool pool) {
    this.pool = pool;
  }

  /**
   * Creates missing enablement rows from {@code counties.yaml} (never overriding a decision stored earlier) and
   * loads everything into memory.
   */
  public Future<Void> load(Map<String, List<String>> initialEnablement) {
    List<Tuple> rows = new ArrayList<>();
    initialEnablement.forEach((county, plugins) -> plugins.forEach(p -> rows.add(Tuple.of(county, p))));
    Future<?> seeded = rows.isEmpty() ? Future.succeededFuture() : pool
        .preparedQuery("INSERT INTO core.county_plugin (county_code, plugin_id, enabled) "
            + "SELECT $1, $2, true WHERE EXISTS (SELECT 1 FROM core.county WHERE code = $1 AND NOT is_city) "
            + "ON CONFLICT DO NOTHING")
        .executeBatch(rows);
    return seeded.compose(v -> reload());
  }

  /**
   * Re-reads counties and enablement from the database. The server calls it periodically, so a change made through
   * another server process on the same database reaches this one within seconds.
   */
  public Future<Void> reload() {
    long changesBefore = localChanges.get();
    Future<Map<String, County>> counties = pool
        .query("SELECT code, name_zh, pinyin, is_city FROM core.county ORDER BY code").execute()
        .map(rows -> {
          Map<String, County> map = new TreeMap<>();
          for (Row row : rows) {
            map.put(row.getString("code"), new County(row.getString("code"), row.getString("name_zh"),
                row.getString("pinyin"), row.getBoolean("is_city")));
          }
          return map;
        });
    Future<Map<String, Set<String>>> enabled = pool
        .query("SELECT county_code, plugin_id FROM core.county_plugin WHERE enabled").execute()
        .map(rows -> {
          Map<String, Set<String>> map = new TreeMap<>();
          for (Row row : rows) {
            map.computeIfAbsent(row.getString("county_code"), k -> ConcurrentHashMap.newKeySet())
                .add(row.getString("plugin_id"));
          }
          return map;
        });
    return Future.all(counties, enabled).map(all -> {
      if (localChanges.get() != changesBefore) {
        return null; // a change of ours landed meanwhile; the next reload will see it in the database
      }
      byCode = java.util.Collections.unmodifiableMap(new TreeMap<>(counties.result()));
      enabledByCounty = new ConcurrentHashMap<>(enabled.result());
      return null;
    });
  }

  /**
   * Stores whether a county enables a plugin, together with whatever else must commit with it (the audit row);
   * effective for the next request.
   */
  public Future<Void> setEnabled(String countyCode, String pluginId, boolean enabled,
      java.util.function.Function<io.vertx.sqlclient.SqlConnection, Future<Void>> alsoInTransaction) {
    return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO core.county_plugin (county_code, plugin_id, enabled) VALUES ($1, $2, $3) "
            + "ON CONFLICT (county_code, plugin_id) DO UPDATE SET enabled = EXCLUDED.enabled, changed_at = now()")
        .execute(Tuple.of(countyCode, pluginId, enabled))
        .compose(rows -> alsoInTransaction.apply(conn)))
        .map(rows -> {
          localChanges.incrementAndGet();
          Set<String> set = enabledByCounty.computeIfAbsent(countyCode, k -> ConcurrentHashMap.newKeySet());
          if (enabled) {
            set.add(pluginId);
          } else {
            set.remove(pluginId);
          }
          return null;
        });
  }

  /** The plugin ids a county enables, sorted. */
  public List<String> enabledPlugins(String countyCode) {
    return enabledByCounty.getOrDefault(countyCode, Set.of()).stream().sorted().toList();
  }

  @Override
  public List<County> counties() {
    return byCode.values().stream().filter(c -> !c.city()).toList();
  }

  @Override
  public County city() {
    return byCode.get(County.CITY_CODE);
  }

  @Override
  public Optional<County> byCode(String code) {
    return Optional.ofNullable(code == null ? null : byCode.get(code));
  }

  @Override
  public boolean enables(String countyCode, String pluginId) {
    County county = byCode.get(countyCode);
    return county != null && !county.city()
        && enabledByCounty.getOrDefault(countyCode, Set.of()).contains(pluginId);
  }

  @Override
  public List<County> enabling(String pluginId) {
    return counties().stream().filter(c -> enables(c.code(), pluginId)).toList();
  }
}
