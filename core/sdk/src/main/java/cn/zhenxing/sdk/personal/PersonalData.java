package cn.zhenxing.sdk.personal;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;

/**
 * The one way plugins handle ID-card numbers (居民身份证号) and phone numbers: validated, encrypted at rest, looked up
 * by a keyed blind index without decrypting, masked in every response, revealed only to a permitted user with a
 * stated reason (and that reveal audited).
 *
 * <p>Store the three parts of a {@link Sealed} value in three columns, e.g. {@code id_cipher text},
 * {@code id_index text} (indexed, unique where duplicates are forbidden) and {@code id_masked text}, and answer only
 * the masked form in responses:
 *
 * <pre>
 *   Sealed id = ctx.personalData().sealIdCard("idNumber", body.getString("idNumber"));   // 422 when invalid
 *   conn.preparedQuery("INSERT INTO people.person (id_cipher, id_index, id_masked) VALUES ($1, $2, $3)")
 *       .execute(Tuple.of(id.cipher(), id.blindIndex(), id.masked()));
 *   ...
 *   String index = ctx.personalData().idCardIndex("idNumber", body.getString("idNumber"));
 *   conn.preparedQuery("SELECT ... FROM people.person WHERE id_index = $1").execute(Tuple.of(index));
 * </pre>
 *
 * <p>Values are normalised before they are sealed or indexed, so every spelling of one number gives the same blind
 * index: ID-card numbers lose surrounding and inner spaces (full-width characters count as their ASCII forms) and a
 * final {@code x} becomes {@code X}; phone numbers lose spaces, hyphens and a leading {@code +86}, and a landline is
 * kept as {@code <area code>-<number>} ({@code 0354-3012345}).
 *
 * <p>Never put a clear value in a log line, an exception message, an audit entry or a URL (a URL ends up in the
 * access log): look people up with the number in a request body.
 */
public interface PersonalData {

  /**
   * Validates an 18-character ID-card number (GB 11643-1999 check digit, a real date of birth that is not in the
   * future) and seals it.
   *
   * @param field the request field, named in the 422 problem when the value is invalid
   * @throws cn.zhenxing.sdk.http.Problem 422 naming {@code field} when the value is missing or invalid
   */
  Sealed sealIdCard(String field, String value);

  /**
   * Validates a mainland mobile number ({@code 1[3-9]} and nine more digits) or a landline with its area code
   * ({@code 0\d{2,3}-?\d{7,8}}) and seals it.
   *
   * @throws cn.zhenxing.sdk.http.Problem 422 naming {@code field} when the value is missing or invalid
   */
  Sealed sealPhone(String field, String value);

  /**
   * The blind index of an ID-card number, for lookups and cross-matching by exact number (422 when invalid).
   * The same number always gives the same index on one installation (across restarts, and across plugins, so
   * plugins can cross-match people); the index reveals nothing without the key. Equal to
   * {@code sealIdCard(field, value).blindIndex()}.
   */
  String idCardIndex(String field, String value);

  /** The blind index of a phone number (422 when invalid); equal to {@code sealPhone(field, value).blindIndex()}. */
  String phoneIndex(String field, String value);

  /**
   * Validates an ID-card number and answers its blind index and masked form without encrypting it ({@link
   * Sealed#cipher()} is null): for data that is only matched against the register and never read back (a
   * department's comparison records), so that no way back to the number is kept. The index equals
   * {@link #idCardIndex}'s.
   */
  Sealed blindIdCard(String field, String value);

  /** {@link #blindIdCard} for a phone number. */
  Sealed blindPhone(String field, String value);

  /**
   * Decrypts a sealed value for a user who holds {@code permission}, recording the reveal and its reason in the
   * audit log on {@code connection} (in the caller's transaction: if the audit write fails, the future fails and the
   * transaction rolls back). The revealed value is never logged nor written to the audit log.
   *
   * <p>Also require the permission on the route ({@code ctx.permissions().require(permission)}); the check here is a
   * second line of defence.
   *
   * @param permission the full permission name, as answered by {@code ctx.permissions().declare(...)}
   * @param cipher     the stored {@link Sealed#cipher()}
   * @param objectType what the value belongs to, for the audit log (e.g. {@code person})
   * @param objectId   which one, for the audit log
   * @param reason     why the user needs the full value; required, kept in the audit log
   * @return the normalised clear value; the future fails with a {@link cn.zhenxing.sdk.http.Problem} 403 without the
   *     permission, 422 naming {@code reason} without a reason, 404 when {@code cipher} is null or empty, and with a
   *     server error (500) when the cipher text fails its integrity check (tampered, or sealed under another key)
   */
  Future<String> reveal(SqlConnection connection, RoutingContext request, String permission, String cipher,
      String objectType, String objectId, String reason);

  /**
   * {@code 140721********1234}: the six-digit region code and the last four characters; anything that is not an
   * ID-card number of at least ten characters gives {@code ****}.
   */
  static String maskIdCard(String idCard) {
    String s = idCard == null ? "" : idCard.strip();
    if (s.length() < 10) {
      return "****";
    }
    return s.substring(0, 6) + "*".repeat(s.length() - 10) + s.substring(s.length() - 4);
  }

  /**
   * {@code 138****5678} for a mobile number; {@code 0354-***2345} for a landline (the area code and the last four
   * digits); anything shorter than seven digits gives {@code ****}.
   */
  static String maskPhone(String phone) {
    if (phone == null) {
      return "****";
    }
    String digits = phone.replaceAll("[\\s-]", "");
    if (digits.startsWith("+86")) {
      digits = digits.substring(3);
    }
    if (digits.length() == 11 && digits.charAt(0) == '1') {
      return digits.substring(0, 3) + "****" + digits.substring(7);
    }
    if (digits.length() >= 10 && digits.length() <= 12 && digits.charAt(0) == '0') {
      // 010 and 02x are the three-digit area codes; every other one has four digits.
      int area = digits.charAt(1) == '1' || digits.charAt(1) == '2' ? 3 : 4;
      String local = digits.substring(area);
      return digits.substring(0, area) + "-" + "*".repeat(local.length() - 4) + local.substring(local.length() - 4);
    }
    if (digits.length() < 7) {
      return "****";
    }
    return digits.substring(0, 3) + "*".repeat(digits.length() - 7) + digits.substring(digits.length() - 4);
  }
}
