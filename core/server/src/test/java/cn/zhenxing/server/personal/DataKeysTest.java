package cn.zhenxing.server.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.zhenxing.sdk.personal.Sealed;
import cn.zhenxing.server.audit.AuditWriter;
import cn.zhenxing.server.config.ConfigException;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataKeysTest {

  private static final AuditWriter NO_AUDIT = (client, record) -> Future.succeededFuture();
  private static final String ID = TestIds.valid("14072119900307123");

  @TempDir
  Path dataDir;

  @Test
  void aKeyIsGeneratedAtFirstStartWithOwnerOnlyPermissions_andReusedLater() throws Exception {
    DataKeys first = DataKeys.load(dataDir, null);
    assertEquals(DataKeys.Source.GENERATED, first.source());
    Path file = dataDir.resolve("keys/personal-data.key");
    assertTrue(Files.isRegularFile(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    try (var listing = Files.list(file.getParent())) {
      assertEquals(List.of(file), listing.toList(), "no temporary file left behind");
    }
    List<String> keyLines = Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
        .filter(l -> !l.startsWith("#")).toList();
    assertEquals(1, keyLines.size());
    assertEquals(32, Base64.getDecoder().decode(keyLines.get(0)).length);

    DataKeys second = DataKeys.load(dataDir, "");
    assertEquals(DataKeys.Source.READ_FROM_FILE, second.source());
    assertEquals(first.keyId(), second.keyId());
    assertTrue(first.keyId().matches("[0-9a-f]{8}"), first.keyId());
    assertFalse(first.toString().contains(keyLines.get(0)));
  }

  @Test
  void valuesSealedBeforeARestartCanBeRevealedAfterIt() {
    PersonalDataService before = new PersonalDataService(dataDir, null, NO_AUDIT, Clock.systemUTC());
    Sealed sealed = before.sealIdCard("id", ID);
    PersonalDataService after = new PersonalDataService(dataDir, "  ", NO_AUDIT, Clock.systemUTC());
    assertEquals(sealed.blindIndex(), after.idCardIndex("id", ID));
    assertEquals(ID, after.reveal(null, FakeRequests.request(FakeRequests.user("a", "140700", "p.reveal")),
        "p.reveal", sealed.cipher(), "person", "1", "r").result());
  }

  @Test
  void theGeneratedFileHoldsWhatZxDataKeyWouldHold() throws Exception {
    DataKeys generated = DataKeys.load(dataDir, null);
    String line = Files.readAllLines(dataDir.resolve(DataKeys.KEY_FILE)).stream()
        .filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
    assertEquals(generated.keyId(), DataKeys.load(dataDir, line).keyId());
  }

  @Test
  void wideningPermissionsAreTightenedAgain() throws Exception {
    DataKeys.load(dataDir, null);
    Path file = dataDir.resolve(DataKeys.KEY_FILE);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    DataKeys.load(dataDir, null);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
  }

  @Test
  void aConfiguredKeyOverridesTheFile_andDerivesDistinctKeys() throws Exception {
    DataKeys generated = DataKeys.load(dataDir, null);
    byte[] raw = new byte[48];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) (i * 13 + 5);
    }
    String configured = Base64.getEncoder().encodeToString(raw);
    DataKeys keys = DataKeys.load(dataDir, configured);
    assertEquals(DataKeys.Source.CONFIGURED, keys.source());
    assertNotEquals(generated.keyId(), keys.keyId());
    assertEquals(keys.keyId(), DataKeys.load(dataDir, Base64.getUrlEncoder().encodeToString(raw)).keyId(),
        "URL-safe base64 is the same key");
    assertEquals(keys.keyId(), DataKeys.load(dataDir, " " + configured + "\n").keyId());
    assertFalse(java.util.Arrays.equals(keys.encryptionKey(), keys.indexKey()), "separate derived keys");
    assertFalse(java.util.Arrays.equals(keys.encryptionKey(), java.util.Arrays.copyOf(raw, 32)));

    // A configured key never touches the data directory.
    Path empty = Files.createDirectory(dataDir.resolve("other"));
    DataKeys.load(empty, configured);
    assertFalse(Files.exists(empty.resolve("keys")));
  }

  @Test
  void aMalformedConfiguredKeyStopsTheStartNamingZxDataKey() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    for (String bad : List.of("not base64 at all!", shortKey, "c2VjcmV0")) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> new PersonalDataService(dataDir, bad, NO_AUDIT, Clock.systemUTC()));
      assertTrue(e.getMessage().contains("ZX_DATA_KEY"), e.getMessage());
      assertFalse(e.getMessage().contains(bad), "the key stays out of the message");
      assertEquals(1, e.getMessage().split("\\. ").length, "one sentence: " + e.getMessage());
    }
    assertFalse(Files.exists(dataDir.resolve("keys")));
  }

  @Test
  void aDamagedKeyFileStopsTheStartInsteadOfBeingReplaced() throws Exception {
    DataKeys.load(dataDir, null);
    Path file = dataDir.resolve(DataKeys.KEY_FILE);
    Files.writeString(file, "# damaged\nAAAA\n");
    ConfigException e = assertThrows(ConfigException.class, () -> DataKeys.load(dataDir, null));
    assertTrue(e.getMessage().contains("ZX_DATA_KEY") && e.getMessage().contains("malformed"), e.getMessage());
    assertEquals("# damaged\nAAAA\n", Files.readString(file), "never overwritten");
  }
}
