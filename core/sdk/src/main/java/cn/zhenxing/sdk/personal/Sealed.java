package cn.zhenxing.sdk.personal;

/**
 * A personal value as it is stored: encrypted, indexed and masked. The clear value is in none of the three.
 *
 * @param cipher     the encrypted value (authenticated encryption with a fresh nonce each time, so sealing one value
 *                   twice gives two different cipher texts; versioned, with the key id inside, so keys can rotate);
 *                   ASCII, under 100 characters
 * @param blindIndex keyed hash of the normalised value for exact lookups, duplicate detection and cross-matching
 *                   (the same value always gives the same index on one installation); ASCII, 43 characters
 * @param masked     the form every response shows, e.g. {@code 140721********1234} or {@code 138****5678}
 */
public record Sealed(String cipher, String blindIndex, String masked) {

  /** Never prints the cipher text or the index (they have no business in logs either). */
  @Override
  public String toString() {
    return "Sealed[" + masked + "]";
  }
}
