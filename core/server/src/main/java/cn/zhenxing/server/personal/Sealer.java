package cn.zhenxing.server.personal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption (AES-256-GCM) and blind indexes (HMAC-SHA256) of personal values.
 *
 * <p>Cipher text: {@code v1:<keyId>:<kind>:<base64url(nonce ‖ ciphertext ‖ tag)>} without padding, where the nonce
 * is 96 random bits (fresh for every value), the tag 128 bits, and the header {@code v1:<keyId>:<kind>} is the
 * associated data: changing the version, the key id or the kind (say, to pass an ID-card cipher off as a phone)
 * fails the tag check like any other change.
 *
 * <p>Blind index: {@code base64url(HMAC-SHA256(indexKey, kind ‖ 0x00 ‖ normalised value))} without padding, 43
 * characters, under a key separate from the encryption key. The kind is mixed in so that an ID-card number and a
 * phone number never share an index.
 *
 * <p>{@link Cipher} and {@link Mac} instances are not thread-safe: each thread keeps its own (creating one costs more
 * than using it), initialised afresh for each value.
 */
final class Sealer {

  static final String VERSION = "v1";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();

  /** What a sealed value is; part of the cipher text and of the blind index input. */
  enum Kind {
    ID_CARD("idcard"), PHONE("phone");

    final String tag;

    Kind(String tag) {
      this.tag = tag;
    }

    static Kind ofTag(String tag) {
      for (Kind k : values()) {
        if (k.tag.equals(tag)) {
          return k;
        }
      }
      return null;
    }
  }

  /** A decrypted value and what it is. */
  record Opened(Kind kind, String keyId, String value) {
    @Override
    public String toString() {
      return "Opened[" + kind + ", " + keyId + "]";
    }
  }

  private final String keyId;
  private final String idCardHeader;
  private final SecretKeySpec encryptionKey;
  /** Keys that can open cipher texts, by key id; today only the current one (rotation adds older ones here). */
  private final Map<String, SecretKeySpec> openingKeys;
  /**
   * Nonces come from a DRBG per thread: the default NativePRNG serialises every caller on one JVM-wide lock around
   * /dev/urandom, which a parallel import sealing a million values runs into.
   */
  private final ThreadLocal<SecureRandom> random = ThreadLocal.withInitial(Sealer::newRandom);
  private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(Sealer::newCipher);
  private final ThreadLocal<Mac> macs;

  Sealer(DataKeys keys) {
    this.keyId = keys.keyId();
    this.idCardHeader = VERSION + ":" + keyId + ":" + Kind.ID_CARD.tag;
    this.encryptionKey = new SecretKeySpec(keys.encryptionKey(), "AES");
    this.openingKeys = Map.of(keyId, encryptionKey);
    SecretKeySpec indexKey = new SecretKeySpec(keys.indexKey(), "HmacSHA256");
    this.macs = ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(indexKey);
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
      }
    });
  }

  private static SecureRandom newRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (GeneralSecurityException e) {
      return new SecureRandom();
    }
  }

  String keyId() {
    return keyId;
  }

  /** Encrypts a normalised value. */
  String seal(Kind kind, String value) {
    String header = kind == Kind.ID_CARD ? idCardHeader : VERSION + ":" + keyId + ":" + kind.tag;
    byte[] nonce = new byte[NONCE_BYTES];
    random.get().nextBytes(nonce);
    byte[] plain = value.getBytes(StandardCharsets.UTF_8);
    try {
      Cipher cipher = ciphers.get();
      cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
      byte[] out = new byte[NONCE_BYTES + cipher.getOutputSize(plain.length)];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      cipher.doFinal(plain, 0, plain.length, out, NONCE_BYTES);
      return header + ":" + B64.encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Decrypts a cipher text made by {@link #seal}.
   *
   * @throws SealedValueException when it is malformed, names a key this server lacks, or fails the integrity check
   */
  Opened open(String sealed) {
    String[] parts = sealed.split(":", -1);
    if (parts.length != 4 || parts[3].isEmpty()) {
      throw new SealedValueException("the cipher text is malformed");
    }
    if (!VERSION.equals(parts[0])) {
      throw new SealedValueException("the cipher text has an unknown format version");
    }
    Kind kind = Kind.ofTag(parts[2]);
    if (kind == null) {
      throw new SealedValueException("the cipher text names an unknown kind of value");
    }
    SecretKeySpec key = openingKeys.get(parts[1]);
    if (key == null) {
      throw new SealedValueException("the value was sealed under key id " + sanitise(parts[1])
          + ", but this server has key id " + keyId + " (was ZX_DATA_KEY or the key file changed?)");
    }
    byte[] bytes;
    try {
      bytes = B64_DECODE.decode(parts[3]);
    } catch (IllegalArgumentException e) {
      throw new SealedValueException("the cipher text is malformed");
    }
    if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SealedValueException("the cipher text is too short");
    }
    String header = parts[0] + ":" + parts[1] + ":" + parts[2];
    try {
      Cipher cipher = ciphers.get();
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
      cipher.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
      byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
      return new Opened(kind, parts[1], new String(plain, StandardCharsets.UTF_8));
    } catch (AEADBadTagException e) {
      throw new SealedValueException("the cipher text failed its integrity check (changed after sealing)");
    } catch (GeneralSecurityException e) {
      throw new SealedValueException("the cipher text cannot be decrypted (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The blind index of a normalised value. */
  String index(Kind kind, String value) {
    Mac mac = macs.get();
    mac.update(kind.tag.getBytes(StandardCharsets.US_ASCII));
    mac.update((byte) 0);
    return B64.encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /** A key id from a cipher text, safe to put in a log line. */
  private static String sanitise(String id) {
    return id.matches("[0-9a-f]{1,16}") ? id : "(malformed)";
  }
}
