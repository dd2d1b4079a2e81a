package cn.zhenxing.testplugins.futurecore;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import org.pf4j.Extension;

/**
 * A plugin built for a core that does not exist yet ({@code Plugin-Requires: >=99.0.0}): the host must refuse it
 * before calling any of its code.
 */
@Extension
public final class FutureCorePlugin implements ZhenxingPlugin {

  @Override
  public void register(PluginContext context) {
    throw new AssertionError("the host must not register a plugin that requires a newer core");
  }
}
