package cn.zhenxing.server.plugin;

import cn.zhenxing.server.county.Counties;
import cn.zhenxing.server.http.Responses;
import cn.zhenxing.server.security.CoreAccess;
import cn.zhenxing.server.security.PermissionRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code GET /api/v1/plugins}: every installed plugin, its state, why it failed, and the counties enabling it. */
public final class PluginsApi {

  private final PluginHost host;
  private final Counties counties;

  private final CoreAccess access;

  public PluginsApi(PluginHost host, Counties counties, CoreAccess access) {
    this.host = host;
    this.counties = counties;
    this.access = access;
  }

  public void mount(Router api) {
    api.get("/plugins").handler(access.require(PermissionRegistry.SYSTEM_READ)).handler(rc -> {
      JsonArray items = new JsonArray();
      for (PluginRecord r : host.plugins()) {
        JsonArray enabling = new JsonArray();
        counties.enabling(r.id()).forEach(c -> enabling.add(c.code()));
        items.add(new JsonObject()
            .put("id", r.id())
            .put("version", r.version())
            .put("requires", r.requires())
            .put("source", r.source())
            .put("state", r.state().label())
            .put("error", r.error())
            .put("counties", enabling));
      }
      Responses.json(rc, 200, new JsonObject().put("items", items));
    });
  }
}
