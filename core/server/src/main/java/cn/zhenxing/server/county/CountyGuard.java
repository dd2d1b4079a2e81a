package cn.zhenxing.server.county;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs before every county route of a plugin: the county in the path must exist (404) and enable the plugin (403).
 * Plugins cannot skip it, because the host mounts their county router only behind this guard.
 */
public final class CountyGuard implements Handler<RoutingContext> {

  private final Counties counties;
  private final String pluginId;

  public CountyGuard(Counties counties, String pluginId) {
    this.counties = counties;
    this.pluginId = pluginId;
  }

  @Override
  public void handle(RoutingContext rc) {
    String code = rc.pathParam("county");
    County county = counties.byCode(code).filter(c -> !c.city()).orElse(null);
    if (county == null) {
      rc.fail(Problem.notFound("县区 " + code + " 不存在 / There is no county with code " + code));
      return;
    }
    if (!counties.enables(code, pluginId)) {
      rc.fail(new Problem(403, "/problems/plugin-not-enabled", "县区未启用该插件 / Plugin not enabled for county",
          county.nameZh() + "未启用插件 " + pluginId + " / County " + county.pinyin() + " (" + code
              + ") does not enable plugin " + pluginId));
      return;
    }
    rc.put(Requests.COUNTY_KEY, county);
    rc.next();
  }
}
