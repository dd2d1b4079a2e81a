package cn.zhenxing.server.security;

import cn.zhenxing.server.personal.DataKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets kept in the database (TOTP secrets) with AES-256-GCM, so a copy of the database alone does
 * not give them away. The key is derived from the platform's data key ({@code ZX_DATA_KEY} or the generated key
 * file), the same master key that protects personal data: one key to configure and back up.
 *
 * <p>A sealed value is {@code v1:<base64(iv || ciphertext || tag)>}; the account id is bound in as associated data,
 * so a value copied to another account's row does not open.
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

  /** A box whose key is derived from the platform's data key (see {@link DataKeys#derive}). */
  static SecretBox from(DataKeys keys, SecureRandom random) {
    return new SecretBox(keys.derive(LABEL), random);
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
