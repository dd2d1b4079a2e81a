package cn.zhenxing.plugins.safety;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import org.pf4j.Extension;

/** The `safety` plugin: 安全生产月与隐患整改 / Work-safety month and hazard rectification. Wiring only; the features live in their packages. */
@Extension
public final class SafetyPlugin implements ZhenxingPlugin {

  @Override
  public void register(PluginContext ctx) {
  }
}
