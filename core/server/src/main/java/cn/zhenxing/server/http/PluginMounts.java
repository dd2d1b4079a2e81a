package cn.zhenxing.server.http;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.List;

/** Where the plugin host hangs a started plugin's routers into the request pipeline, and takes them down again. */
public interface PluginMounts {

  /** Mounts the plugin's routers; returns the routes to {@link Route#remove()} when the plugin stops. */
  List<Route> mount(String pluginId, Router countyRouter, Router cityRouter);
}
