package cn.zhenxing.plugins.ecommerce;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import org.pf4j.Extension;

/** The `ecommerce` plugin: 乡村e镇与电商带头人 / Rural e-towns and e-commerce leaders. Wiring only; the features live in their packages. */
@Extension
public final class EcommercePlugin implements ZhenxingPlugin {

  @Override
  public void register(PluginContext ctx) {
  }
}
