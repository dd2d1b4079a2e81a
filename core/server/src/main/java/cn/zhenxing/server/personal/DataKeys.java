package cn.zhenxing.server.personal;

import cn.zhenxing.server.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of the personal-data facility, derived from one master key.
 *
 * <p>The master key is the base64 of at least 32 random bytes: from the configuration ({@code security.dataKey},
 * environment {@code ZX_DATA_KEY}) when set, else from {@code <dataDir>/keys/personal-data.key}, which is generated
 * at the first start (32 bytes from {@link SecureRandom}, file {@code rw-------} in a directory {@code rwx------}) and
 * read at every later one. The file holds exactly what {@code ZX_DATA_KEY} would hold (plus a comment line), so an
 * operator can move a generated key into the configuration.
 *
 * <p>Three values are derived with HKDF-SHA256 (RFC 5869, fixed salt, distinct labels): the AES-256 encryption key,
 * the HMAC-SHA256 blind-index key, and a key id (eight hex digits, a fingerprint that reveals nothing about the key)
 * written into every cipher text so that keys can rotate later.
 *
 * <p>Neither this class nor its log lines ever show key material; {@link #toString()} shows only the key id.
 */
public final class DataKeys {

  private static final Logger LOG = LoggerFactory.getLogger(DataKeys.class);

  /** The file under the data directory holding a generated master key. */
  public static final String KEY_FILE = "keys/personal-data.key";
  /** The least master key length in bytes. */
  public static final int MIN_KEY_BYTES = 32;

  private static final byte[] SALT = "zhenxing/personal-data/hkdf-salt/v1".getBytes(StandardCharsets.US_ASCII);
  private static final String ENCRYPTION_LABEL = "zhenxing/personal-data/aes-256-gcm/v1";
  private static final String INDEX_LABEL = "zhenxing/personal-data/blind-index-hmac-sha256/v1";
  private static final String KEY_ID_LABEL = "zhenxing/personal-data/key-id/v1";
  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

  /** Where the master key came from. */
  public enum Source { CONFIGURED, GENERATED, READ_FROM_FILE }

  private final byte[] master;
  private final byte[] encryptionKey;
  private final byte[] indexKey;
  private final String keyId;
  private final Source source;

  private DataKeys(byte[] master, Source source) {
    this.encryptionKey = hkdf(master, ENCRYPTION_LABEL);
    this.indexKey = hkdf(master, INDEX_LABEL);
    this.keyId = HexFormat.of().formatHex(hkdf(master, KEY_ID_LABEL), 0, 4);
    this.source = source;
    this.master = master.clone();
    Arrays.fill(master, (byte) 0);
  }

  /**
   * A 32-byte key for another purpose of the platform (e.g. sealing TOTP secrets), derived from the same master key
   * under its own label, so one key to back up protects every secret at rest.
   */
  public byte[] derive(String label) {
    if (label.equals(ENCRYPTION_LABEL) || label.equals(INDEX_LABEL) || label.equals(KEY_ID_LABEL)) {
      throw new IllegalArgumentException("label reserved for personal data: " + label);
    }
    return hkdf(master, label);
  }

  /**
   * Loads the keys: from {@code configuredKey} when it is not blank, else from the key file under {@code dataDir},
   * generating that file when it does not exist yet. Blocking file I/O (a few hundred bytes, once).
   *
   * @throws ConfigException when the configured key or the key file is malformed, or the key file cannot be written
   */
  public static DataKeys load(Path dataDir, String configuredKey) {
    Path file = dataDir.resolve(KEY_FILE);
    if (configuredKey != null && !configuredKey.isBlank()) {
      DataKeys keys = new DataKeys(decodeConfigured(configuredKey), Source.CONFIGURED);
      if (Files.exists(file)) {
        LOG.warn("ZX_DATA_KEY is set, so the generated personal-data key in {} is not used: values sealed under it "
            + "cannot be read while ZX_DATA_KEY is set", file);
      }
      LOG.info("Personal data: using the configured key (ZX_DATA_KEY), key id {}", keys.keyId);
      return keys;
    }
    try {
      byte[] master = readKeyFile(file);
      Source source = Source.READ_FROM_FILE;
      if (master == null) {
        master = generateKeyFile(file);
        source = Source.GENERATED;
      }
      DataKeys keys = new DataKeys(master, source);
      if (source == Source.GENERATED) {
        LOG.warn("Personal data: generated a new key in {} (key id {}). Back it up together with the database: "
            + "without it, stored ID-card and phone numbers cannot be read", file, keys.keyId);
      } else {
        LOG.info("Personal data: using the key in {}, key id {}", file, keys.keyId);
      }
      return keys;
    } catch (IOException e) {
      throw new ConfigException("The personal-data key file " + file + " cannot be read or created ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + "); fix the data directory's permissions or "
          + "set ZX_DATA_KEY.");
    }
  }

  /** Keys derived from given master key bytes (for tests and tools). */
  static DataKeys of(byte[] master) {
    return new DataKeys(master.clone(), Source.CONFIGURED);
  }

  /** The AES-256 key for sealing. A copy. */
  byte[] encryptionKey() {
    return encryptionKey.clone();
  }

  /** The HMAC-SHA256 key for blind indexes. A copy. */
  byte[] indexKey() {
    return indexKey.clone();
  }

  /** Eight lower-case hex digits identifying the master key (a fingerprint; reveals nothing about the key). */
  public String keyId() {
    return keyId;
  }

  public Source source() {
    return source;
  }

  @Override
  public String toString() {
    return "DataKeys[" + keyId + ", " + source + "]";
  }

  private static byte[] decodeConfigured(String configured) {
    byte[] master = decode(configured);
    if (master == null) {
      throw new ConfigException("ZX_DATA_KEY (security.dataKey) must be the base64 encoding of at least "
          + MIN_KEY_BYTES + " random bytes (such as the output of `openssl rand -base64 32`) or empty to use a key "
          + "generated into the data directory.");
    }
    return master;
  }

  /** The key bytes of base64 (standard or URL alphabet, white space ignored), or null when malformed or short. */
  private static byte[] decode(String text) {
    String compact = text.replaceAll("\\s+", "");
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(compact);
    } catch (IllegalArgumentException notStandard) {
      try {
        bytes = Base64.getUrlDecoder().decode(compact);
      } catch (IllegalArgumentException notUrl) {
        return null;
      }
    }
    if (bytes.length < MIN_KEY_BYTES) {
      Arrays.fill(bytes, (byte) 0);
      return null;
    }
    return bytes;
  }

  /** The master key in the file, or null when there is no file. */
  private static byte[] readKeyFile(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return null;
    }
    tightenIfNeeded(file, OWNER_FILE);
    tightenIfNeeded(file.getParent(), OWNER_DIR);
    List<String> keyLines = lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
    byte[] master = keyLines.size() == 1 ? decode(keyLines.get(0)) : null;
    if (master == null) {
      throw new ConfigException("The personal-data key file " + file + " is malformed (one line of base64, at least "
          + MIN_KEY_BYTES + " bytes, expected); restore it from a backup, or set ZX_DATA_KEY to the key the data "
          + "was sealed with.");
    }
    return master;
  }

  /**
   * Writes a new random key into a private temporary file and links it into place, which fails when another
   * process got there first: then that process's key is read. A reader never sees a partly written file.
   */
  private static byte[] generateKeyFile(Path file) throws IOException {
    Path dir = file.getParent();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(dir)) {
      if (posix) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        Files.setPosixFilePermissions(dir, OWNER_DIR);
      } else {
        Files.createDirectories(dir);
      }
    } else {
      tightenIfNeeded(dir, OWNER_DIR);
    }
    if (!posix) {
      LOG.warn("The file system of {} has no POSIX permissions: restrict access to the personal-data key by hand",
          dir);
    }
    byte[] master = new byte[MIN_KEY_BYTES];
    new SecureRandom().nextBytes(master);
    String content = "# Zhenxing personal-data key (base64; may be moved into ZX_DATA_KEY). Keep it secret and back it"
        + " up with the database.\n" + Base64.getEncoder().encodeToString(master) + "\n";
    FileAttribute<?>[] attrs = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)} : new FileAttribute<?>[0];
    Path temp = Files.createTempFile(dir, ".personal-data-", ".tmp", attrs);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (posix) {
        Files.setPosixFilePermissions(temp, OWNER_FILE);
      }
      try {
        Files.createLink(file, temp);
      } catch (FileAlreadyExistsException raced) {
        Arrays.fill(master, (byte) 0);
        byte[] theirs = readKeyFile(file);
        if (theirs == null) {
          throw new IOException("the key file appeared and vanished while it was being created");
        }
        return theirs;
      } catch (UnsupportedOperationException noLinks) {
        Files.move(temp, file);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    return master;
  }

  /** Removes group and other access from a key file or its directory, saying so. */
  private static void tightenIfNeeded(Path path, Set<PosixFilePermission> wanted) throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path);
    if (!wanted.containsAll(actual)) {
      LOG.warn("{} was accessible to other accounts ({}); restricting it to {}", path,
          PosixFilePermissions.toString(actual), PosixFilePermissions.toString(wanted));
      Files.setPosixFilePermissions(path, wanted);
    }
  }

  /** HKDF-SHA256 (RFC 5869) with the fixed salt: 32 bytes for one label. */
  private static byte[] hkdf(byte[] master, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SALT, "HmacSHA256"));
      byte[] prk = mac.doFinal(master);
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      mac.update(label.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) 1);
      byte[] okm = mac.doFinal();
      Arrays.fill(prk, (byte) 0);
      return okm;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }
}
