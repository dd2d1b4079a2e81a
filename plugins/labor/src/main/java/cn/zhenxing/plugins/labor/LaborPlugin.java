package cn.zhenxing.plugins.labor;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import org.pf4j.Extension;

/** The `labor` plugin: 劳务品牌与务工就业 / Labour brands and migrant employment. Wiring only; the features live in their packages. */
@Extension
public final class LaborPlugin implements ZhenxingPlugin {

  @Override
  public void register(PluginContext ctx) {
  }
}
