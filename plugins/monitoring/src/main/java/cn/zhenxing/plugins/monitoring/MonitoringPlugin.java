package cn.zhenxing.plugins.monitoring;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import org.pf4j.Extension;

/** The `monitoring` plugin: 防止返贫动态监测和帮扶 / Monitoring and assistance. Wiring only; the features live in their packages. */
@Extension
public final class MonitoringPlugin implements ZhenxingPlugin {

  @Override
  public void register(PluginContext ctx) {
  }
}
