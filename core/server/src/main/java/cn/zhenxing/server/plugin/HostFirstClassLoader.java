package cn.zhenxing.server.plugin;

import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: the plugin's own classes first, except for the libraries the host shares with every
 * plugin (the SDK, Vert.x, Netty, Jackson, Micrometer, SLF4J, PF4J), which always come from the host. Were a plugin
 * to bundle its own copy of one of them, the two copies would be different classes and fail at the boundary
 * ({@code LinkageError: loader constraint violation}).
 */
final class HostFirstClassLoader extends PluginClassLoader {

  static final List<String> HOST_PACKAGES = List.of(
      "cn.zhenxing.sdk.", "io.vertx.", "io.netty.", "com.fasterxml.jackson.", "io.micrometer.", "org.slf4j.",
      "org.pf4j.", "ch.qos.logback.");

  HostFirstClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader host) {
    super(manager, descriptor, host, ClassLoadingStrategy.PDA);
  }

  @Override
  public Class<?> loadClass(String className) throws ClassNotFoundException {
    for (String prefix : HOST_PACKAGES) {
      if (className.startsWith(prefix)) {
        return getParent().loadClass(className);
      }
    }
    return super.loadClass(className);
  }
}
