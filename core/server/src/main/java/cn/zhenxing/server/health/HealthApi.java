package cn.zhenxing.server.health;

import cn.zhenxing.server.http.Responses;
import cn.zhenxing.server.plugin.PluginHost;
import cn.zhenxing.server.plugin.PluginRecord;
import cn.zhenxing.server.plugin.PluginState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.util.function.BooleanSupplier;

/**
 * {@code /health/live} (the process answers) and {@code /health/ready} (the database answers and every plugin that
 * should run has started). Both unauthenticated, for load balancers and systemd.
 */
public final class HealthApi {

  private final Pool pool;
  private final PluginHost plugins;
  private final BooleanSupplier shuttingDown;

  public HealthApi(Pool pool, PluginHost plugins, BooleanSupplier shuttingDown) {
    this.pool = pool;
    this.plugins = plugins;
    this.shuttingDown = shuttingDown;
  }

  public void mount(Router root) {
    root.get("/health/live").handler(rc -> Responses.json(rc, 200, new JsonObject().put("status", "UP")));
    root.get("/health/ready").handler(rc -> pool.query("SELECT 1").execute()
        .map(rows -> true).otherwise(false)
        .onSuccess(dbUp -> {
          JsonArray failed = new JsonArray();
          for (PluginRecord r : plugins.plugins()) {
            if (r.state() != PluginState.STARTED && r.state() != PluginState.DISABLED) {
              failed.add(new JsonObject().put("id", r.id()).put("state", r.state().label()).put("error", r.error()));
            }
          }
          boolean ready = dbUp && failed.isEmpty() && !shuttingDown.getAsBoolean();
          JsonObject body = new JsonObject()
              .put("status", ready ? "UP" : "DOWN")
              .put("checks", new JsonObject()
                  .put("database", dbUp ? "UP" : "DOWN")
                  .put("plugins", failed.isEmpty() ? "UP" : "DOWN")
                  .put("shuttingDown", shuttingDown.getAsBoolean()))
              .put("pluginsNotStarted", failed);
          Responses.json(rc, ready ? 200 : 503, body);
        }));
  }
}
