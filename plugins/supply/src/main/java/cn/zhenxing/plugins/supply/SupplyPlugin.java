package cn.zhenxing.plugins.supply;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import org.pf4j.Extension;

/** The `supply` plugin: 供销系统农资保供 / Farm-supply guarantee. Wiring only; the features live in their packages. */
@Extension
public final class SupplyPlugin implements ZhenxingPlugin {

  @Override
  public void register(PluginContext ctx) {
  }
}
