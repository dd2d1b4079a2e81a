package cn.zhenxing.testplugins.brokenstart;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import io.vertx.core.Future;
import org.pf4j.Extension;

/**
 * A plugin whose {@code start} fails. It declares a route, so a test can check that a plugin failing at start has
 * nothing mounted.
 */
@Extension
public final class BrokenStartPlugin implements ZhenxingPlugin {

  @Override
  public void register(PluginContext context) {
    context.http().city().get("/ping").handler(rc -> rc.response().end("pong"));
  }

  @Override
  public Future<Void> start(PluginContext context) {
    return Future.failedFuture(new IllegalStateException("boom at start"));
  }
}
