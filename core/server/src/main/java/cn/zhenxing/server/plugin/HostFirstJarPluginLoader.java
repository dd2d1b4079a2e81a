package cn.zhenxing.server.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.util.FileUtils;

/** Loads a plugin jar with a {@link HostFirstClassLoader}. */
final class HostFirstJarPluginLoader implements PluginLoader {

  private final PluginManager manager;

  HostFirstJarPluginLoader(PluginManager manager) {
    this.manager = manager;
  }

  @Override
  public boolean isApplicable(Path pluginPath) {
    return Files.exists(pluginPath) && FileUtils.isJarFile(pluginPath);
  }

  @Override
  public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
    HostFirstClassLoader loader = new HostFirstClassLoader(manager, descriptor, getClass().getClassLoader());
    loader.addFile(pluginPath.toFile());
    return loader;
  }
}
