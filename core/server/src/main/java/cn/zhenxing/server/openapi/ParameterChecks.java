package cn.zhenxing.server.openapi;

import cn.zhenxing.sdk.http.FieldError;
import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.MultiMap;
import io.vertx.json.schema.JsonSchema;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of a body-less operation whose path and query parameters use only simple schemas (a type of string,
 * integer, number or boolean with pattern, enum, bounds, lengths, date formats), compiled once per contract and run
 * on the event loop. vertx-openapi 5.0.7 builds a schema validator for every parameter of every request and validates
 * on a worker thread: for a small GET that cost about a third of the server's throughput (measured with the
 * monitoring benchmark, 2,236 → 3,264 requests/s without it). Anything outside the subset — a body, arrays, objects,
 * headers, cookies, composed schemas, a percent-encoded path — is left to vertx-openapi, so the document keeps one
 * meaning. Failures are answered as {@link ValidationProblems} answers vertx-openapi's: 400, the field named
 * {@code path.<name>} or {@code query.<name>}.
 */
final class ParameterChecks {

  /** Schema keywords that say nothing to check. */
  private static final Set<String> ANNOTATIONS = Set.of("description", "example", "examples", "default", "title",
      "deprecated", "nullable", "readOnly", "writeOnly", "$id", "$schema");
  private static final Set<String> CHECKED = Set.of("type", "pattern", "enum", "minimum", "maximum", "minLength",
      "maxLength", "format");

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

  private final Pattern path;
  private final List<String> pathNames;
  private final List<Check> checks;

  private ParameterChecks(Pattern path, List<String> pathNames, List<Check> checks) {
    this.path = path;
    this.pathNames = pathNames;
    this.checks = checks;
  }

  /** The checks of every operation they can serve, by operation id. */
  static Map<String, ParameterChecks> compile(OpenAPIContract contract) {
    Map<String, ParameterChecks> all = new HashMap<>();
    for (Operation operation : contract.operations()) {
      ParameterChecks checks = of(operation);
      if (checks != null) {
        all.put(operation.getOperationId(), checks);
      }
    }
    return all;
  }

  /**
   * Checks the request's parameters: answers {@code null} when they are valid, the problem when not; throws
   * {@link Undecided} when this request is beyond the subset (the caller asks vertx-openapi).
   */
  Problem check(String requestPath, MultiMap query) {
    if (requestPath.indexOf('%') >= 0) {
      throw Undecided.INSTANCE;
    }
    Matcher m = path.matcher(requestPath);
    if (!m.matches()) {
      throw Undecided.INSTANCE;
    }
    for (Check check : checks) {
      String value;
      if (check.location == Location.PATH) {
        value = m.group(pathNames.indexOf(check.name) + 1);
      } else {
        List<String> values = query.getAll(check.name);
        if (values.size() > 1) {
          throw Undecided.INSTANCE;
        }
        value = values.isEmpty() ? null : values.get(0);
      }
      String reason = check.reason(value);
      if (reason != null) {
        return ValidationProblems.badRequest(List.of(new FieldError(
            check.location.toString().toLowerCase(java.util.Locale.ROOT) + "." + check.name, reason)));
      }
    }
    return null;
  }

  /** The checks of an operation, or null when it is not for this fast path. */
  private static ParameterChecks of(Operation operation) {
    if (operation.getRequestBody() != null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    StringBuilder regex = new StringBuilder();
    for (String segment : operation.getAbsoluteOpenAPIPath().split("/", -1)) {
      if (!regex.isEmpty() || !segment.isEmpty()) {
        regex.append('/');
      }
      if (segment.startsWith("{") && segment.endsWith("}")) {
        names.add(segment.substring(1, segment.length() - 1));
        regex.append("([^/]+)");
      } else if (segment.contains("{")) {
        return null; // a parameter inside a segment
      } else {
        regex.append(Pattern.quote(segment));
      }
    }
    List<Check> checks = new ArrayList<>();
    for (Parameter p : operation.getParameters()) {
      if (p.getIn() != Location.PATH && p.getIn() != Location.QUERY) {
        return null;
      }
      if (p.getIn() == Location.PATH && !names.contains(p.getName())) {
        return null;
      }
      Check check = Check.of(p);
      if (check == null) {
        return null;
      }
      checks.add(check);
    }
    return new ParameterChecks(Pattern.compile(regex.toString()), List.copyOf(names), List.copyOf(checks));
  }

  /** One parameter's rules. */
  private record Check(String name, Location location, boolean required, String type, String format,
                       Pattern pattern, List<String> allowed, BigDecimal minimum, BigDecimal maximum,
                       Integer minLength, Integer maxLength) {

    static Check of(Parameter p) {
      JsonSchema schema = p.getSchema();
      for (String key : schema.fieldNames()) {
        if (!key.startsWith("__") && !ANNOTATIONS.contains(key) && !CHECKED.contains(key)) {
          return null;
        }
      }
      Object type = schema.get("type");
      if (type != null && !(type instanceof String t && Set.of("string", "integer", "number", "boolean").contains(t))) {
        return null;
      }
      List<String> allowed = null;
      Object values = schema.get("enum");
      if (values instanceof io.vertx.core.json.JsonArray array) {
        allowed = new ArrayList<>();
        for (Object v : array) {
          if (!(v instanceof String s)) {
            return null; // an enum of numbers: compared as JSON values, left to the validator
          }
          allowed.add(s);
        }
      } else if (values != null) {
        return null;
      }
      String pattern = schema.get("pattern");
      return new Check(p.getName(), p.getIn(), p.isRequired(), (String) type, schema.get("format"),
          pattern == null ? null : Pattern.compile(pattern), allowed, decimal(schema.get("minimum")),
          decimal(schema.get("maximum")), integer(schema.get("minLength")), integer(schema.get("maxLength")));
    }

    /** Why the value breaks the rules, or null. */
    String reason(String value) {
      if (value == null) {
        return required ? "必填 / is required" : null;
      }
      BigDecimal number = null;
      if ("integer".equals(type) || "number".equals(type)) {
        try {
          number = new BigDecimal(value);
        } catch (NumberFormatException e) {
          return "格式无法识别 / cannot be read";
        }
        if ("integer".equals(type) && !INTEGER.matcher(value).matches()) {
          return "格式无法识别 / cannot be read";
        }
      } else if ("boolean".equals(type) && !"true".equals(value) && !"false".equals(value)) {
        return "格式无法识别 / cannot be read";
      }
      if (number != null && minimum != null && number.compareTo(minimum) < 0) {
        return "超出允许范围 / must be at least " + minimum.toPlainString();
      }
      if (number != null && maximum != null && number.compareTo(maximum) > 0) {
        return "超出允许范围 / must be at most " + maximum.toPlainString();
      }
      if (number == null && !"boolean".equals(type)) {
        if (minLength != null && value.codePointCount(0, value.length()) < minLength
            || maxLength != null && value.codePointCount(0, value.length()) > maxLength) {
          return "超出允许范围 / must have " + (minLength == null ? 0 : minLength) + " to "
              + (maxLength == null ? "any number of" : maxLength) + " characters";
        }
        if (pattern != null && !pattern.matcher(value).find()) {
          return "格式不正确 / does not have the expected format";
        }
        if (!validFormat(value)) {
          return "格式不正确 / is not a valid " + format;
        }
      }
      if (allowed != null && !allowed.contains(value)) {
        return "应为以下之一 " + allowed + " / must be one of " + allowed;
      }
      return null;
    }

    private boolean validFormat(String value) {
      try {
        if ("date".equals(format)) {
          LocalDate.parse(value);
        } else if ("date-time".equals(format)) {
          OffsetDateTime.parse(value);
        }
        return true;
      } catch (DateTimeParseException e) {
        return false;
      }
    }
  }

  private static BigDecimal decimal(Object value) {
    return value instanceof Number n ? new BigDecimal(n.toString()) : null;
  }

  private static Integer integer(Object value) {
    return value instanceof Number n ? n.intValue() : null;
  }

  /** This request is beyond the fast path's subset. Thrown without a stack trace: it is control flow. */
  static final class Undecided extends RuntimeException {
    static final Undecided INSTANCE = new Undecided();

    private Undecided() {
      super("beyond the parameter fast path", null, false, false);
    }
  }
}
