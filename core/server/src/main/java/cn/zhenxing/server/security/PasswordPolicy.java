package cn.zhenxing.server.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The password rules (GB/T 22239-2019 level 3): at least 8 characters, from at least 3 of the 4 classes (lower-case
 * letters, upper-case letters, digits, others), and not containing the username (ignoring case).
 */
public final class PasswordPolicy {

  public static final int MIN_LENGTH = 8;
  /** Longer passwords only cost hashing time; nobody types more. */
  public static final int MAX_LENGTH = 128;

  private PasswordPolicy() {
  }

  /** Why the password breaks the rules, zh-CN first and English beside it; empty when it meets them. */
  public static Optional<String> violation(String username, String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      return Optional.of("密码至少 " + MIN_LENGTH + " 个字符 / must be at least " + MIN_LENGTH + " characters long");
    }
    if (password.length() > MAX_LENGTH) {
      return Optional.of("密码最多 " + MAX_LENGTH + " 个字符 / must be at most " + MAX_LENGTH + " characters long");
    }
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean other = false;
    for (int i = 0; i < password.length(); ) {
      int c = password.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isISOControl(c)) {
        return Optional.of("密码不能包含控制字符 / must not contain control characters");
      }
      if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else {
        other = true;
      }
    }
    int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    if (classes < 3) {
      return Optional.of("密码须包含小写字母、大写字母、数字、其他字符中的至少三类 / must mix at least 3 of: lower-case "
          + "letters, upper-case letters, digits, other characters");
    }
    if (username != null && !username.isBlank()
        && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
      return Optional.of("密码不能包含用户名 / must not contain the username");
    }
    return Optional.empty();
  }
}
