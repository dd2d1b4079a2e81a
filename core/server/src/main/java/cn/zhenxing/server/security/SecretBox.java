package cn.zhenxing.server.security;

import cn.zhenxing.server.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets kept in the database (TOTP secrets) with AES-256-GCM, so a copy of the database alone does
 * not give them away. The key is:
 * <ul>
 *   <li>derived (HMAC-SHA-256 with a fixed label) from {@code security.dataKey} when that is configured, so every
 *       server process sharing the database derives the same key from the same setting; otherwise</li>
 *   <li>read from {@code <dataDir>/keys/totp.key} (32 random bytes, base64), created at first start with owner-only
 *       permissions. Several processes on one database must then share that file.</li>
 * </ul>
 * A sealed value is {@code v1:<base64(iv || ciphertext || tag)>}; the account id is bound in as associated data, so a
 * value copied to another account's row does not open.
 */
final class SecretBox {

  private static final String PREFIX = "v1:";
  private static final String LABEL = "zhenxing/totp-secret/v1";
  private static final int IV_BYTES = 12;

  private final SecretKeySpec key;
  private final SecureRandom random;

  private SecretBox(byte[] key, SecureRandom random) {
    this.key = new SecretKeySpec(key, "AES");
    this.random = random;
  }

  /** Loads (or creates) the key: blocking file access, call on a worker thread or at start-up. */
  static SecretBox open(Optional<String> dataKey, Optional<Path> dataDir, SecureRandom random) {
    if (dataKey.isPresent()) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(dataKey.get().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return new SecretBox(mac.doFinal(LABEL.getBytes(StandardCharsets.UTF_8)), random);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available", e);
      }
    }
    if (dataDir.isEmpty()) {
      throw new ConfigException("security.dataDir is missing: the server must pass its data directory to the "
          + "security module, which keeps the TOTP key in <dataDir>/keys/totp.key.");
    }
    return new SecretBox(keyFile(dataDir.get().resolve("keys"), random), random);
  }

  private static byte[] keyFile(Path dir, SecureRandom random) {
    Path file = dir.resolve("totp.key");
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(dir);
        restrict(dir, "rwx------");
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        Path temp = Files.createTempFile(dir, "totp", ".tmp");
        restrict(temp, "rw-------");
        Files.writeString(temp, Base64.getEncoder().encodeToString(fresh) + "\n");
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
          Files.deleteIfExists(temp); // another process won the race: use its key
        }
      }
      byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
      if (key.length != 32) {
        throw new ConfigException(file + " must hold 32 bytes in base64 (the TOTP key); it holds " + key.length
            + ".");
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the TOTP key " + file, e);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file + " is not base64: restore the TOTP key from a backup.");
    }
  }

  private static void restrict(Path path, String permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system: rely on the data directory's own protection
    }
  }

  String seal(byte[] secret, long accountId) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      cipher.updateAAD(aad(accountId));
      byte[] sealed = cipher.doFinal(secret);
      byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  /** The secret, or empty when the value was sealed with another key or for another account. */
  Optional<byte[]> open(String sealed, long accountId) {
    if (sealed == null || !sealed.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, IV_BYTES));
      cipher.updateAAD(aad(accountId));
      return Optional.of(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static byte[] aad(long accountId) {
    return ("zhenxing-account:" + accountId).getBytes(StandardCharsets.US_ASCII);
  }
}
