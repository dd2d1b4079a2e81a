package cn.zhenxing.it.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The jars of the test plugins (core/test-plugins), copied by Maven into {@code core/it/target/test-plugin-jars}
 * before the tests run. They are deliberately not on the test class path: the only way to reach them is through
 * PF4J, as in production.
 */
public final class TestPluginJars {

  /** Every test plugin, by plugin id (the module names under core/test-plugins). */
  public static final List<String> ALL = List.of("greeter", "broken-start", "broken-migration", "future-core");

  private TestPluginJars() {
  }

  /** The directory Maven copied the jars into (system property {@code zhenxing.testPluginJars}). */
  public static Path directory() {
    Path dir = Path.of(System.getProperty("zhenxing.testPluginJars", "target/test-plugin-jars")).toAbsolutePath();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(dir + " does not exist: build with Maven (mvn install -pl core/it -am), which "
          + "copies the test plugin jars there");
    }
    return dir;
  }

  /** The jar of one test plugin. */
  public static Path jar(String pluginId) {
    String prefix = "zhenxing-test-plugin-" + pluginId + "-";
    try (Stream<Path> files = Files.list(directory())) {
      List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(prefix)
          && f.getFileName().toString().endsWith(".jar")
          && f.getFileName().toString().substring(prefix.length()).matches("[0-9][^-]*\\.jar")).toList();
      if (found.size() != 1) {
        throw new IllegalStateException("expected exactly one jar of test plugin " + pluginId + " in "
            + directory() + ", found " + found);
      }
      return found.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every test plugin jar. */
  public static List<Path> jars() {
    return ALL.stream().map(TestPluginJars::jar).toList();
  }

  /**
   * A fresh plugins directory (under {@code target/}) holding exactly the jars of the given plugins, so a test
   * chooses what a server finds and never sees leftovers.
   */
  public static Path pluginsDir(String... pluginIds) {
    try {
      Path dir = Files.createTempDirectory(directory().getParent(), "plugins-dir-");
      for (String id : pluginIds) {
        Path jar = jar(id);
        Files.copy(jar, dir.resolve(jar.getFileName()));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
