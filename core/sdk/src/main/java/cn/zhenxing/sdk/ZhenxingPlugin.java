package cn.zhenxing.sdk;

import io.vertx.core.Future;
import org.pf4j.ExtensionPoint;

/**
 * A programme plugin. Implement it once per plugin and mark the class with PF4J's {@code @Extension}.
 *
 * <p>The host drives every plugin through the same sequence, each step bounded by a timeout; a failure at any
 * step marks the plugin failed (with the reason shown by {@code GET /api/v1/plugins}) and leaves the core and every
 * other plugin serving:
 * <ol>
 *   <li>{@link #register(PluginContext)}: declare routes, jobs, metrics, seed and demo data. Do no I/O here.</li>
 *   <li>the host runs the plugin's Flyway migrations (schema named after the plugin id), then its seed data and,
 *       when demo data is switched on, its demo data once per database;</li>
 *   <li>{@link #start(PluginContext)}: anything that needs the database ready (warming caches, say);</li>
 *   <li>the host mounts the routes and schedules the jobs.</li>
 * </ol>
 * {@link #stop()} runs at shutdown after the plugin's routes are gone and its jobs have ended.
 */
public interface ZhenxingPlugin extends ExtensionPoint {

  /** Declares everything the plugin contributes. Called once, on the event loop: no blocking, no I/O. */
  void register(PluginContext context);

  /** Called after migrations and seed data, before the routes are mounted. */
  default Future<Void> start(PluginContext context) {
    return Future.succeededFuture();
  }

  /** Called at shutdown, after the plugin's routes are unmounted and its jobs stopped. */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}
