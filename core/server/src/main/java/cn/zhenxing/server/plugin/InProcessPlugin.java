package cn.zhenxing.server.plugin;

import cn.zhenxing.sdk.ZhenxingPlugin;
import java.util.function.Supplier;

/**
 * A plugin found on the server's own class path rather than in a jar: how a plugin module's tests run their plugin
 * without packaging it first. It goes through exactly the same lifecycle as a jar plugin.
 */
public record InProcessPlugin(String id, String version, Supplier<? extends ZhenxingPlugin> factory) {
}
