package cn.zhenxing.it.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.it.plugins.TestPluginJars;
import cn.zhenxing.plugins.badexample.ReachesIntoServer;
import cn.zhenxing.plugins.badneighbour.Neighbour;
import cn.zhenxing.sdk.ZhenxingPlugin;
import cn.zhenxing.server.ZhenxingServer;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules between plugins, the SDK and the server, checked on compiled classes with ArchUnit.
 *
 * <p>What is imported (by path: the plugin jars are not on the test class path):
 * <ul>
 *   <li>the test plugin jars, {@code core/it/target/test-plugin-jars/*.jar};</li>
 *   <li><b>every jar in the repository's {@code target/plugins/}</b>, if that directory exists: {@code mvn package}
 *       gathers every programme plugin there, so a programme plugin added later is checked here without editing
 *       this test (build the plugins before core/it, e.g. {@code mvn install} from the root, to include them);</li>
 *   <li>the SDK and the server, from wherever the class path has them (their jars or {@code target/classes}).</li>
 * </ul>
 * Only classes under {@code cn/zhenxing/} are imported (libraries a jar may bundle are judged by name only), and
 * never the deliberately bad examples of this module's test sources ({@code cn.zhenxing.plugins.badexample},
 * {@code cn.zhenxing.plugins.badneighbour}), which only {@link #theRulesCatchAPluginReachingIntoTheServer} reads.
 */
@DisplayName("Architecture: plugins, SDK and server")
class ArchitectureTest {

  /** Where plugin classes live: the core's test plugins and the programme plugins. */
  static final String[] PLUGIN_PACKAGES = {"cn.zhenxing.testplugins..", "cn.zhenxing.plugins.."};

  /**
   * What a plugin may use besides its own package: the JDK, the SDK and the libraries the host shares with every
   * plugin (see the server's HostFirstClassLoader). A plugin that bundles a library of its own needs that library's
   * packages added here, deliberately.
   */
  static final List<String> SHARED_WITH_PLUGINS = List.of("java..", "javax..", "cn.zhenxing.sdk..", "io.vertx..",
      "io.netty..", "com.fasterxml.jackson..", "io.micrometer..", "org.slf4j..", "org.pf4j..");

  /** A plugin's root package: {@code cn.zhenxing.testplugins.<name>} or {@code cn.zhenxing.plugins.<name>}. */
  private static final Pattern PLUGIN_ROOT = Pattern.compile("^(cn\\.zhenxing\\.(?:testplugins|plugins)\\.[^.]+)");

  private static final List<String> BAD_EXAMPLES = List.of("/cn/zhenxing/plugins/badexample/",
      "/cn/zhenxing/plugins/badneighbour/");

  static final ArchRule PLUGINS_USE_ONLY_THE_SDK_AND_SHARED_LIBRARIES = classes()
      .that().resideInAnyPackage(PLUGIN_PACKAGES)
      .should(dependOnlyOnSharedLibrariesOrTheirOwnPlugin())
      .because("a plugin reaches the platform only through the SDK; other host classes are not its API and other "
          + "libraries are not on its class path");

  static final ArchRule PLUGINS_DO_NOT_DEPEND_ON_EACH_OTHER = slices()
      .assignedFrom(byPlugin())
      .should().notDependOnEachOther()
      .because("plugins are installed, enabled and upgraded independently");

  static final ArchRule CORE_DOES_NOT_DEPEND_ON_PLUGINS = noClasses()
      .that().resideInAnyPackage("cn.zhenxing.sdk..", "cn.zhenxing.server..")
      .should().dependOnClassesThat().resideInAnyPackage(PLUGIN_PACKAGES)
      .because("the core must run with any set of plugins, including none");

  static final ArchRule SDK_DOES_NOT_DEPEND_ON_SERVER_OR_TESTKIT = noClasses()
      .that().resideInAPackage("cn.zhenxing.sdk..")
      .should().dependOnClassesThat().resideInAnyPackage("cn.zhenxing.server..", "cn.zhenxing.testkit..")
      .because("the SDK is the only artifact plugins compile against: it must not drag the server in");

  private static JavaClasses imported;
  private static final List<Path> importedPaths = new ArrayList<>();

  @BeforeAll
  static void importPluginsAndCore() {
    Set<Path> jars = new LinkedHashSet<>(TestPluginJars.jars());
    jars.addAll(programmePluginJars());
    Set<Path> core = new LinkedHashSet<>(List.of(codeSource(ZhenxingPlugin.class), codeSource(ZhenxingServer.class)));

    List<JarFile> open = new ArrayList<>();
    try {
      List<Location> locations = new ArrayList<>();
      for (Path path : concat(jars, core)) {
        importedPaths.add(path);
        if (Files.isDirectory(path)) {
          locations.add(Location.of(path));
        } else {
          JarFile jar = new JarFile(path.toFile());
          open.add(jar);
          locations.add(Location.of(jar));
        }
      }
      imported = new ClassFileImporter().withImportOption(ONLY_ZHENXING_WITHOUT_BAD_EXAMPLES)
          .importLocations(locations);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (JarFile jar : open) {
        try {
          jar.close();
        } catch (IOException ignored) {
          // read-only
        }
      }
    }
  }

  @Test
  @DisplayName("the import holds every test plugin, the SDK and the server, and no bad example")
  void importIsComplete() {
    for (String name : List.of("cn.zhenxing.testplugins.greeter.GreeterPlugin",
        "cn.zhenxing.testplugins.brokenstart.BrokenStartPlugin",
        "cn.zhenxing.testplugins.brokenmigration.BrokenMigrationPlugin",
        "cn.zhenxing.testplugins.futurecore.FutureCorePlugin",
        "cn.zhenxing.sdk.ZhenxingPlugin", "cn.zhenxing.server.ZhenxingServer",
        "cn.zhenxing.server.plugin.PluginHost")) {
      assertTrue(imported.contain(name), name + " was not imported from " + importedPaths);
    }
    assertFalse(imported.contain(ReachesIntoServer.class), "the bad example must stay out of the main import");
    assertFalse(imported.contain(Neighbour.class), "the bad example must stay out of the main import");
  }

  @Test
  @DisplayName("plugins depend only on the JDK, the SDK, the shared libraries and their own package")
  void pluginsUseOnlyTheSdkAndSharedLibraries() {
    PLUGINS_USE_ONLY_THE_SDK_AND_SHARED_LIBRARIES.check(imported);
  }

  @Test
  @DisplayName("no plugin depends on another plugin")
  void pluginsDoNotDependOnEachOther() {
    PLUGINS_DO_NOT_DEPEND_ON_EACH_OTHER.check(imported);
  }

  @Test
  @DisplayName("the SDK and the server never depend on a plugin")
  void coreDoesNotDependOnPlugins() {
    CORE_DOES_NOT_DEPEND_ON_PLUGINS.check(imported);
  }

  @Test
  @DisplayName("the SDK never depends on the server or the testkit")
  void sdkStandsAlone() {
    SDK_DOES_NOT_DEPEND_ON_SERVER_OR_TESTKIT.check(imported);
  }

  @Test
  @DisplayName("the rules reject a plugin class that reaches into the server and into another plugin")
  void theRulesCatchAPluginReachingIntoTheServer() {
    JavaClasses bad = new ClassFileImporter().importClasses(ReachesIntoServer.class, Neighbour.class);

    EvaluationResult dependencies = PLUGINS_USE_ONLY_THE_SDK_AND_SHARED_LIBRARIES.evaluate(bad);
    assertTrue(dependencies.hasViolation(), "the dependency rule must fail on the bad example");
    String report = String.join("\n", dependencies.getFailureReport().getDetails());
    assertTrue(report.contains("cn.zhenxing.server.ZhenxingServer"), report);
    assertTrue(report.contains("cn.zhenxing.plugins.badneighbour.Neighbour"), report);
    assertThrows(AssertionError.class, () -> PLUGINS_USE_ONLY_THE_SDK_AND_SHARED_LIBRARIES.check(bad));

    EvaluationResult slices = PLUGINS_DO_NOT_DEPEND_ON_EACH_OTHER.evaluate(bad);
    assertTrue(slices.hasViolation(), "the slices rule must fail on the bad example");
    assertThrows(AssertionError.class, () -> PLUGINS_DO_NOT_DEPEND_ON_EACH_OTHER.check(bad));
  }

  /** Every jar of the repository's {@code target/plugins/} (programme plugins gathered by {@code mvn package}). */
  private static List<Path> programmePluginJars() {
    Path root = Path.of(System.getProperty("zhenxing.repositoryRoot", "../..")).toAbsolutePath().normalize();
    Path dist = root.resolve("target").resolve("plugins");
    if (!Files.isDirectory(dist)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dist)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The jar or class directory a class was loaded from. */
  private static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> concat(Set<Path> first, Set<Path> second) {
    List<Path> all = new ArrayList<>(first);
    second.stream().filter(p -> !first.contains(p)).forEach(all::add);
    return all;
  }

  private static final ImportOption ONLY_ZHENXING_WITHOUT_BAD_EXAMPLES = location -> {
    String uri = location.asURI().toString();
    return uri.contains("/cn/zhenxing/") && BAD_EXAMPLES.stream().noneMatch(uri::contains);
  };

  private static Optional<String> pluginRoot(String packageName) {
    Matcher m = PLUGIN_ROOT.matcher(packageName);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** One slice per plugin; classes outside plugin packages belong to no slice. */
  private static SliceAssignment byPlugin() {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        return pluginRoot(javaClass.getPackageName()).map(SliceIdentifier::of).orElse(SliceIdentifier.ignore());
      }

      @Override
      public String getDescription() {
        return "plugins (cn.zhenxing.testplugins.<name>, cn.zhenxing.plugins.<name>)";
      }
    };
  }

  private static ArchCondition<JavaClass> dependOnlyOnSharedLibrariesOrTheirOwnPlugin() {
    PackageMatchers shared = PackageMatchers.of(SHARED_WITH_PLUGINS);
    return new ArchCondition<>("depend only on " + String.join(", ", SHARED_WITH_PLUGINS)
        + " and their own plugin's packages") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        String own = pluginRoot(origin.getPackageName()).orElse(null);
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass().getBaseComponentType();
          if (target.isPrimitive()) {
            continue;
          }
          String pkg = target.getPackageName();
          boolean ownPlugin = own != null && (pkg.equals(own) || pkg.startsWith(own + "."));
          if (!ownPlugin && !shared.test(pkg)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }
}
