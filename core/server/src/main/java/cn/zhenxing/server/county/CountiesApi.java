package cn.zhenxing.server.county;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.server.audit.AuditRecord;
import cn.zhenxing.server.audit.AuditWriter;
import cn.zhenxing.server.http.Responses;
import cn.zhenxing.server.security.CoreAccess;
import cn.zhenxing.server.security.PermissionRegistry;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Predicate;

/**
 * {@code /api/v1/counties}: the counties and which plugins each enables; the city administrator switches a plugin
 * on or off for a county here, effective at once.
 */
public final class CountiesApi {

  private final Counties counties;
  private final Predicate<String> installedPlugin;

  private final CoreAccess access;
  private final AuditWriter audit;
  private final Pool pool;
  private final Clock clock;

  public CountiesApi(Counties counties, Predicate<String> installedPlugin, CoreAccess access, AuditWriter audit,
      Pool pool, Clock clock) {
    this.counties = counties;
    this.installedPlugin = installedPlugin;
    this.access = access;
    this.audit = audit;
    this.pool = pool;
    this.clock = clock;
  }

  public void mount(Router api) {
    api.get("/counties").handler(this::list);
    api.get("/counties/:county").handler(this::get);
    api.put("/counties/:county/plugins/:plugin").handler(access.require(PermissionRegistry.COUNTIES_MANAGE))
        .handler(this::setEnabled);
  }

  private void list(RoutingContext rc) {
    JsonArray items = new JsonArray();
    counties.counties().forEach(c -> items.add(toJson(c)));
    Responses.json(rc, 200, new JsonObject().put("city", toJson(counties.city())).put("items", items));
  }

  private void get(RoutingContext rc) {
    Responses.json(rc, 200, toJson(county(rc)));
  }

  private void setEnabled(RoutingContext rc) {
    County county = county(rc);
    if (county.city()) {
      throw Problem.invalid("county", "插件只能按县区启用 / Plugins are enabled per county, not for the city");
    }
    String pluginId = rc.pathParam("plugin");
    if (!installedPlugin.test(pluginId)) {
      throw Problem.notFound("插件 " + pluginId + " 未安装 / No plugin " + pluginId + " is installed");
    }
    JsonObject body = Requests.jsonBody(rc);
    if (!(body.getValue("enabled") instanceof Boolean enabled)) {
      throw Problem.invalid("enabled", "必须为 true 或 false / must be true or false");
    }
    AuditRecord record = AuditRecord.forRequest(clock, rc, pluginId, county.code(), enabled ? "enable" : "disable",
        "plugin", pluginId, AuditRecord.SUCCESS, null);
    counties.setEnabled(county.code(), pluginId, enabled, conn -> audit.append(conn, record))
        .onSuccess(v -> Responses.json(rc, 200, toJson(county)))
        .onFailure(rc::fail);
  }

  private County county(RoutingContext rc) {
    String code = rc.pathParam("county");
    return counties.byCode(code).orElseThrow(
        () -> Problem.notFound("县区 " + code + " 不存在 / There is no county with code " + code));
  }

  private JsonObject toJson(County c) {
    JsonObject json = new JsonObject().put("code", c.code()).put("nameZh", c.nameZh()).put("pinyin", c.pinyin())
        .put("city", c.city());
    if (!c.city()) {
      json.put("plugins", new JsonArray(counties.enabledPlugins(c.code())));
    }
    return json;
  }
}
