package cn.zhenxing.server.http;

import cn.zhenxing.sdk.http.FieldError;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What plugins declared about their constraints ({@code ctx.http().constraint(...)}): the request field and reason to
 * name when a request breaks one, so a duplicate ID number answers {@code idNumber: 该身份证号已登记} instead of the
 * constraint's name. Keyed by schema and constraint name (constraint names are unique per schema only).
 */
public final class ConstraintFields {

  private final Map<String, FieldError> declared = new ConcurrentHashMap<>();

  public void declare(String schema, String constraint, String field, String reason) {
    declared.put(schema + "." + constraint, new FieldError(field, reason));
  }

  /** The declared field and reason for a constraint of a schema, if any. */
  Optional<FieldError> lookup(String schema, String constraint) {
    return schema == null || constraint == null ? Optional.empty()
        : Optional.ofNullable(declared.get(schema + "." + constraint));
  }
}
