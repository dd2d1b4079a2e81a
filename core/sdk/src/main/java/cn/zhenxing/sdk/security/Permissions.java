package cn.zhenxing.sdk.security;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * A plugin's permissions. Every plugin has two without declaring them: {@code <plugin>.read}, required by the core
 * for every GET of the plugin's routes, and {@code <plugin>.write}, required for every other method. Declare finer
 * ones here and require them on the routes that need them:
 *
 * <pre>
 *   String reveal = ctx.permissions().declare("person.reveal", "查看完整身份证号 / Reveal full ID numbers");
 *   router.get("/people/:id/id-number").handler(ctx.permissions().require(reveal)).handler(this::reveal);
 * </pre>
 *
 * Roles grant permissions; the core checks them before the handler runs, and an authorisation failure is audited.
 */
public interface Permissions {

  /**
   * Declares a permission and answers its full name, {@code <plugin>.<name>}.
   *
   * @param name        lower-case words joined by {@code .}, e.g. {@code household.close}
   * @param description shown to administrators granting it, Chinese first
   */
  String declare(String name, String description);

  /** A route handler that lets the request through only when the user holds the (full) permission; else 403. */
  Handler<RoutingContext> require(String permission);

  /** {@code <plugin>.read}. */
  String read();

  /** {@code <plugin>.write}. */
  String write();
}
