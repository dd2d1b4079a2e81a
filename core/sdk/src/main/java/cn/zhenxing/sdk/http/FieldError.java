package cn.zhenxing.sdk.http;

import java.util.Objects;

/**
 * One offending field of a request: a JSON pointer-like name ({@code members[2].idNumber}) and the reason, in words
 * a user can act on.
 */
public record FieldError(String field, String reason) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
  }
}
