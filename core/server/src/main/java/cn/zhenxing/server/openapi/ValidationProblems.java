package cn.zhenxing.server.openapi;

import cn.zhenxing.sdk.http.FieldError;
import cn.zhenxing.sdk.http.Problem;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns vertx-openapi's validation failures into the platform's {@link Problem}s, naming each offending field in
 * the words a user can act on (zh-CN first, English beside it) and never exposing the validator's internals.
 *
 * <p>Status codes, the same as the core's handlers use for the same mistakes:
 * <ul>
 *   <li>400 {@code /problems/bad-request}: the request cannot be read. A path, query or header parameter is missing,
 *       of the wrong type or format ({@code errors[].field} is {@code path.county}, {@code query.county}, ...), or the
 *       body is missing or is not JSON ({@code field} is {@code body});</li>
 *   <li>415 {@code /problems/unsupported-media-type}: the body's media type is not one the operation accepts;</li>
 *   <li>422 {@code /problems/validation}: the body is well-formed JSON but breaks the schema; {@code field} is the
 *       property's path in the body ({@code enabled}, {@code members[2].idNumber}).</li>
 * </ul>
 */
final class ValidationProblems {

  /** vertx-openapi names the parameter only in its message, e.g. "The value of query parameter county is ...". */
  private static final Pattern PARAMETER = Pattern.compile("\\b(path|query|header|cookie) parameter (\\S+?)\\.?(?:\\s|$)");
  private static final Pattern REQUIRED_PROPERTY = Pattern.compile("required property \"(.*)\"");
  private static final Pattern EXPECTED_TYPE = Pattern.compile("Expected (\\w+)");
  private static final Pattern ENUM = Pattern.compile("any of (\\[.*])");

  private ValidationProblems() {
  }

  /**
   * The problem for a validation failure, or {@code null} when the failure is not about the request (a bug, to be
   * answered 500 and logged).
   *
   * @param acceptedMediaTypes the media types the operation declares for its body, for the 415 message
   */
  static Problem toProblem(Throwable failure, Collection<String> acceptedMediaTypes) {
    if (!(failure instanceof ValidatorException e)) {
      return null;
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    Matcher parameter = PARAMETER.matcher(message);
    if (parameter.find()) {
      String field = parameter.group(1) + "." + parameter.group(2);
      return badRequest(List.of(new FieldError(field, parameterReason(e))));
    }
    return switch (e.type()) {
      case MISSING_REQUIRED_PARAMETER -> badRequest(List.of(new FieldError("body",
          "请求体不能为空，应为 JSON / is empty; a JSON body is expected")));
      case ILLEGAL_VALUE, INVALID_VALUE_FORMAT -> badRequest(List.of(new FieldError("body",
          "不是有效的 JSON / is not valid JSON")));
      case UNSUPPORTED_VALUE_FORMAT -> {
        String types = acceptedMediaTypes.isEmpty() ? "application/json" : String.join(", ", acceptedMediaTypes);
        yield new Problem(415, "/problems/unsupported-media-type", "不支持的内容类型 / Unsupported media type",
            "请求体应为 " + types + "（请设置 Content-Type） / The request body must be " + types
                + " (set Content-Type)");
      }
      case INVALID_VALUE -> e instanceof SchemaValidationException schema
          ? Problem.invalid(bodyErrors(schema.getOutputUnit()))
          : Problem.invalid("body", "取值无效 / is invalid");
      default -> null;
    };
  }

  static Problem badRequest(List<FieldError> errors) {
    String detail = errors.stream().map(f -> f.field() + ": " + f.reason()).reduce((a, b) -> a + "; " + b)
        .orElse("请求无法解析 / The request cannot be read");
    return new Problem(400, "/problems/bad-request", "请求格式错误 / Bad request", detail, errors);
  }

  private static String parameterReason(ValidatorException e) {
    if (e instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      List<Leaf> leaves = leaves(schema.getOutputUnit());
      if (!leaves.isEmpty()) {
        return leaves.get(0).reason();
      }
    }
    return switch (e.type()) {
      case MISSING_REQUIRED_PARAMETER -> "必填 / is required";
      case INVALID_VALUE_FORMAT, ILLEGAL_VALUE, UNSUPPORTED_VALUE_FORMAT -> "格式无法识别 / cannot be read";
      default -> "取值无效 / is invalid";
    };
  }

  private static List<FieldError> bodyErrors(OutputUnit result) {
    List<FieldError> errors = new ArrayList<>();
    for (Leaf leaf : leaves(result)) {
      errors.add(new FieldError(leaf.field().isEmpty() ? "body" : leaf.field(), leaf.reason()));
    }
    return errors.isEmpty() ? List.of(new FieldError("body", "取值无效 / is invalid")) : errors;
  }

  /** One error the user can fix: its field and why. */
  private record Leaf(String pointer, String field, String keyword, String reason) {
  }

  /**
   * The errors at the bottom of the validator's report. The report lists every level ("property members does not
   * match", "item 2 does not match", "idNumber: does not match pattern"); only the last says something useful.
   */
  private static List<Leaf> leaves(OutputUnit result) {
    List<OutputUnit> units = result.getErrors() == null || result.getErrors().isEmpty() ? List.of(result)
        : result.getErrors();
    List<Leaf> all = new ArrayList<>();
    for (OutputUnit unit : units) {
      if (unit.getError() != null) {
        all.add(leaf(unit));
      }
    }
    Map<String, Leaf> byPointer = new LinkedHashMap<>();
    for (Leaf leaf : all) {
      boolean hasDeeper = all.stream().anyMatch(other -> other.pointer().startsWith(leaf.pointer() + "/"));
      Leaf known = byPointer.get(leaf.pointer());
      if (!hasDeeper && (known == null || generic(known.keyword()) && !generic(leaf.keyword()))) {
        byPointer.put(leaf.pointer(), leaf);
      }
    }
    return List.copyOf(byPointer.values());
  }

  private static Leaf leaf(OutputUnit unit) {
    String location = unit.getInstanceLocation() == null ? "#" : unit.getInstanceLocation();
    String keywordLocation = unit.getKeywordLocation() == null ? "" : unit.getKeywordLocation();
    String keyword = keywordLocation.substring(keywordLocation.lastIndexOf('/') + 1);
    String message = unit.getError();
    String pointer = location;
    if ("required".equals(keyword)) {
      Matcher property = REQUIRED_PROPERTY.matcher(message);
      if (property.find()) {
        pointer = location + "/" + property.group(1).replace("~", "~0").replace("/", "~1");
      }
    }
    return new Leaf(pointer, field(pointer), keyword, reason(keyword, message));
  }

  /** {@code #/members/2/idNumber} becomes {@code members[2].idNumber}. */
  static String field(String pointer) {
    StringBuilder field = new StringBuilder();
    for (String raw : pointer.replaceFirst("^#", "").split("/")) {
      if (raw.isEmpty()) {
        continue;
      }
      String segment = raw.replace("~1", "/").replace("~0", "~");
      if (segment.matches("\\d+")) {
        field.append('[').append(segment).append(']');
      } else {
        field.append(field.length() == 0 ? "" : ".").append(segment);
      }
    }
    return field.toString();
  }

  private static boolean generic(String keyword) {
    return switch (keyword) {
      case "properties", "items", "prefixItems", "allOf", "anyOf", "oneOf", "$ref", "then", "else", "not",
          "patternProperties", "dependentSchemas" -> true;
      default -> false;
    };
  }

  private static String reason(String keyword, String message) {
    return switch (keyword) {
      case "required" -> "必填 / is required";
      case "type" -> {
        Matcher expected = EXPECTED_TYPE.matcher(message);
        yield expected.find() ? "类型应为 " + expected.group(1) + " / must be of type " + expected.group(1)
            : "类型不正确 / has the wrong type";
      }
      case "pattern" -> "格式不正确 / does not have the expected format";
      case "format" -> "格式不正确 / " + message;
      case "enum" -> {
        Matcher values = ENUM.matcher(message);
        yield values.find() ? "应为以下之一 " + values.group(1) + " / must be one of " + values.group(1)
            : "取值不在允许范围内 / is not one of the allowed values";
      }
      case "const" -> "取值不正确 / has a value other than the only one allowed";
      case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength",
          "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties" -> "超出允许范围 / " + message;
      case "additionalProperties", "unevaluatedProperties", "false" -> "不允许此字段 / is not allowed";
      default -> "取值无效 / " + message;
    };
  }
}
