package cn.zhenxing.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's view of configuration: shipped defaults, an optional file, environment variables on top, and one
 * clear sentence naming the culprit when a value is wrong.
 */
class ConfigLoaderTest {

  @TempDir
  Path dir;

  @Test
  void withNothingSetTheShippedDefaultsApply() {
    ServerConfig config = ConfigLoader.load(Map.of());
    assertEquals("0.0.0.0", config.httpHost());
    assertEquals(8080, config.httpPort());
    assertEquals(1_048_576, config.bodyLimitBytes());
    assertEquals(Optional.empty(), config.dbUrl(), "empty db.url means the embedded database");
    assertEquals(16, config.dbPoolSize());
    assertEquals(8, config.dbReadsPoolSize());
    assertFalse(config.demoData());
    assertTrue(config.jobsEnabled());
    assertEquals(ZoneId.of("Asia/Shanghai"), config.timeZone());
    assertEquals(Duration.ofSeconds(30), config.metricsRefresh());
    assertEquals(11, config.counties().size(), "the 11 counties of counties.yaml");
    assertTrue(config.disabledPlugins().isEmpty());
  }

  @Test
  void environmentVariablesOverrideTheDefaults() {
    ServerConfig config = ConfigLoader.load(Map.of(
        "ZX_HTTP_PORT", "9090",
        "ZX_HTTP_HOST", "127.0.0.1",
        "ZX_DB_URL", "postgresql://zhenxing:secret@db.example:5432/zhenxing",
        "ZX_DB_POOL_SIZE", "4",
        "ZX_DB_READS_POOL_SIZE", "2",
        "ZX_DEMO_DATA", "true",
        "ZX_JOBS_ENABLED", "off",
        "ZX_BODY_LIMIT", "4096",
        "ZX_DATA_DIR", dir.toString(),
        "ZX_TIME_ZONE", "UTC"));
    assertEquals(9090, config.httpPort());
    assertEquals("127.0.0.1", config.httpHost());
    assertEquals(Optional.of("postgresql://zhenxing:secret@db.example:5432/zhenxing"), config.dbUrl());
    assertEquals(4, config.dbPoolSize());
    assertEquals(2, config.dbReadsPoolSize());
    assertTrue(config.demoData());
    assertFalse(config.jobsEnabled());
    assertEquals(4096, config.bodyLimitBytes());
    assertEquals(dir.toAbsolutePath().normalize(), config.dataDir());
    assertEquals(ZoneId.of("UTC"), config.timeZone());
  }

  @Test
  void unrelatedEnvironmentVariablesAreIgnored() {
    ServerConfig config = ConfigLoader.load(Map.of("HTTP_PORT", "1", "ZX_UNKNOWN", "x", "PATH", "/usr/bin"));
    assertEquals(8080, config.httpPort());
  }

  @Test
  void aPortThatIsNotANumberStopsStartUpNamingTheVariable() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("ZX_HTTP_PORT", "abc")));
    assertOneSentenceAbout("ZX_HTTP_PORT", e);
    assertTrue(e.getMessage().contains("abc"), e.getMessage());

    ConfigException range = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("ZX_HTTP_PORT", "70000")));
    assertOneSentenceAbout("ZX_HTTP_PORT", range);
  }

  @Test
  void aDatabaseUrlThatIsNotPostgresStopsStartUpNamingTheVariable() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("ZX_DB_URL", "mysql://db.example:3306/zhenxing")));
    assertOneSentenceAbout("ZX_DB_URL", e);
    assertTrue(e.getMessage().contains("postgresql://"), "says what is expected: " + e.getMessage());
  }

  @Test
  void aDemoDataFlagThatIsNotABooleanStopsStartUpNamingTheVariable() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("ZX_DEMO_DATA", "maybe")));
    assertOneSentenceAbout("ZX_DEMO_DATA", e);
    assertTrue(e.getMessage().contains("maybe"), e.getMessage());
  }

  @Test
  void anUnknownTimeZoneStopsStartUpNamingTheVariable() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("ZX_TIME_ZONE", "Mars/Olympus_Mons")));
    assertOneSentenceAbout("ZX_TIME_ZONE", e);
  }

  @Test
  void aConfigFileThatDoesNotExistStopsStartUpNamingTheVariableAndThePath() {
    Path missing = dir.resolve("missing.yaml");
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("ZX_CONFIG_FILE", missing.toString())));
    assertOneSentenceAbout("ZX_CONFIG_FILE", e);
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void aConfigFileMergesOverTheDefaults_andTheEnvironmentWinsOverTheFile() throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, """
        http:
          port: 9000
        jobs:
          enabled: false
        plugins:
          disabled: [safety]
          labor:
            employmentLostGraceDays: 45
        """);

    ServerConfig config = ConfigLoader.load(Map.of("ZX_CONFIG_FILE", file.toString()));
    assertEquals(9000, config.httpPort(), "from the file");
    assertEquals("0.0.0.0", config.httpHost(), "a sibling of a changed key keeps its default");
    assertEquals(1_048_576, config.bodyLimitBytes(), "a sibling of a changed key keeps its default");
    assertFalse(config.jobsEnabled());
    assertEquals(16, config.dbPoolSize(), "untouched sections keep their defaults");
    assertEquals(java.util.Set.of("safety"), config.disabledPlugins());
    assertEquals(45, config.pluginSection("labor").getInteger("employmentLostGraceDays"));
    assertEquals(90, config.pluginSection("labor").getInteger("employmentLostLookbackDays"),
        "a plugin's other settings keep their defaults");
    assertEquals(5, config.pluginSection("monitoring").getJsonObject("sla").getInteger("visitWorkingDays"),
        "an untouched plugin section keeps its defaults");
    assertEquals(new JsonObject(), config.pluginSection("no-such-plugin"));

    ServerConfig withEnv = ConfigLoader.load(Map.of("ZX_CONFIG_FILE", file.toString(), "ZX_HTTP_PORT", "9100"));
    assertEquals(9100, withEnv.httpPort(), "the environment beats the file");
  }

  @Test
  void aBadValueInTheFileNamesTheSettingPath() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "db:\n  poolSize: lots\n");
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("ZX_CONFIG_FILE", file.toString())));
    assertOneSentenceAbout("db.poolSize", e);
  }

  @Test
  void aConfigFileThatIsNotYamlStopsStartUp() throws Exception {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "http: [port: 1\n  - {\n");
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("ZX_CONFIG_FILE", file.toString())));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());

    Path list = dir.resolve("list.yaml");
    Files.writeString(list, "- a\n- b\n");
    ConfigException notMapping = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("ZX_CONFIG_FILE", list.toString())));
    assertTrue(notMapping.getMessage().contains(list.toString()), notMapping.getMessage());
  }

  @Test
  void overridesWinOverTheEnvironment() {
    ServerConfig config = ConfigLoader.load(Map.of("ZX_HTTP_PORT", "9090"), new JsonObject().put("http.port", "0"));
    assertEquals(0, config.httpPort());
  }

  /** One sentence that starts with the setting's name: what an operator reads in the log and acts on. */
  private static void assertOneSentenceAbout(String setting, ConfigException e) {
    String message = e.getMessage();
    assertTrue(message.startsWith(setting + " "), () -> "names " + setting + " first: " + message);
    assertTrue(message.endsWith("."), () -> "a full sentence: " + message);
    assertFalse(message.contains("\n"), () -> "one line: " + message);
    String unquoted = message.replaceAll("\"[^\"]*\"", "\"\"");
    assertFalse(unquoted.substring(0, unquoted.length() - 1).matches(".*[.!?]\\s+[A-Z].*"),
        () -> "one sentence: " + message);
  }
}
