package cn.zhenxing.testplugins.brokenmigration;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import org.pf4j.Extension;

/** A plugin whose first migration ({@code db/broken-migration/V1__broken.sql}) is not valid SQL. */
@Extension
public final class BrokenMigrationPlugin implements ZhenxingPlugin {

  @Override
  public void register(PluginContext context) {
    context.http().city().get("/ping").handler(rc -> rc.response().end("pong"));
  }
}
