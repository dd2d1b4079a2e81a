package cn.zhenxing.server.security;

import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.security.Permissions;
import cn.zhenxing.sdk.security.Principal;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** A plugin's view of the permission registry. */
public final class PluginPermissions implements Permissions {

  private final String pluginId;
  private final PermissionRegistry registry;
  private final AccessDenials denials;

  public PluginPermissions(String pluginId, PermissionRegistry registry, AccessDenials denials) {
    this.pluginId = pluginId;
    this.registry = registry;
    this.denials = denials;
  }

  @Override
  public String declare(String name, String description) {
    return registry.declare(pluginId, name, description);
  }

  @Override
  public Handler<RoutingContext> require(String permission) {
    return rc -> {
      Principal principal = Requests.principal(rc);
      if (principal.can(permission)) {
        rc.next();
      } else {
        denials.deny(rc, pluginId, permission, AccessDenials.missing(permission));
      }
    };
  }

  @Override
  public String read() {
    return pluginId + ".read";
  }

  @Override
  public String write() {
    return pluginId + ".write";
  }
}
