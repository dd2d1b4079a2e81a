package cn.zhenxing.server.plugin;

import java.nio.file.Path;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginRepository;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.RuntimeMode;

/**
 * PF4J, reduced to what the host needs: plugin jars from one directory, described by their manifest, loaded
 * host-first for shared libraries, checked against the core's version. The overrides take no fields because PF4J
 * calls them from its constructor.
 */
final class JarPluginManager extends DefaultPluginManager {

  JarPluginManager(Path pluginsDir, String coreVersion) {
    super(pluginsDir);
    setSystemVersion(coreVersion);
  }

  @Override
  public RuntimeMode getRuntimeMode() {
    return RuntimeMode.DEPLOYMENT;
  }

  @Override
  protected PluginRepository createPluginRepository() {
    return new JarPluginRepository(getPluginsRoots());
  }

  @Override
  protected PluginDescriptorFinder createPluginDescriptorFinder() {
    return new ManifestPluginDescriptorFinder();
  }

  @Override
  protected PluginLoader createPluginLoader() {
    return new HostFirstJarPluginLoader(this);
  }

  /** Whether the core satisfies a plugin's {@code Plugin-Requires} (blank means any). */
  boolean coreSatisfies(String requires) {
    return requires == null || requires.isBlank() || requires.equals("*")
        || getVersionManager().checkVersionConstraint(getSystemVersion(), requires);
  }
}
