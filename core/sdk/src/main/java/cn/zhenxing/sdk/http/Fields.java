package cn.zhenxing.sdk.http;

import cn.zhenxing.sdk.personal.PersonalData;
import cn.zhenxing.sdk.personal.Sealed;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads the fields of a JSON request body with their rules, collecting every offending field, so that one 422
 * answer names all of them instead of the first only.
 *
 * <pre>{@code
 * Fields f = Fields.of(Requests.jsonBody(rc));
 * String name = f.text("name", 50, true);
 * BigDecimal tonnes = f.decimal("tonnes", BigDecimal.ZERO, null, true);
 * LocalDate start = f.date("start", true);
 * LocalDate end = f.date("end", false);
 * f.check(end == null || start == null || !end.isBefore(start), "end", "不能早于开始日期 / must not be before start");
 * f.validate();                       // throws Problem.invalid(...) naming every bad field, or returns
 * }</pre>
 *
 * <p>A getter answers {@code null} for a missing optional field and for a bad value (whose error it records); call
 * {@link #validate()} before using the values. Reasons are Chinese first with English beside, like every message
 * of the platform. Blank text counts as missing.
 */
public final class Fields {

  private final JsonObject body;
  private final String prefix;
  private final List<FieldError> errors;

  private Fields(JsonObject body, String prefix, List<FieldError> errors) {
    this.body = body;
    this.prefix = prefix;
    this.errors = errors;
  }

  /** The fields of a request body. */
  public static Fields of(JsonObject body) {
    return new Fields(body, "", new ArrayList<>());
  }

  /**
   * The query parameters of a request, read with the same rules and messages as a body (numbers may be written as
   * text there): {@code Fields q = Fields.ofQuery(rc); LocalDate asOf = q.date("asOf", false); q.validate();}.
   * A repeated parameter counts by its first value.
   */
  public static Fields ofQuery(RoutingContext rc) {
    JsonObject params = new JsonObject();
    rc.queryParams().names().forEach(name -> params.put(name, rc.queryParams().get(name)));
    return of(params);
  }

  /**
   * The fields of a nested object (say {@code members[2]}), reporting into the same error list with the path as the
   * field-name prefix ({@code members[2].idNumber}).
   */
  public Fields nested(JsonObject object, String path) {
    return new Fields(object, name(path) + ".", errors);
  }

  /** The raw JSON object this reader reads. */
  public JsonObject json() {
    return body;
  }

  /** Whether the body has a non-null value for the field (to tell "leave unchanged" from "set" in updates). */
  public boolean has(String field) {
    return body.getValue(field) != null;
  }

  /** Text, trimmed; at most {@code maxLength} characters. */
  public String text(String field, int maxLength, boolean required) {
    Object value = body.getValue(field);
    if (value == null || value instanceof String s && s.isBlank()) {
      return missing(field, required);
    }
    if (!(value instanceof String s)) {
      return error(field, "应为文本 / must be a string");
    }
    String text = s.strip();
    if (text.codePointCount(0, text.length()) > maxLength) {
      return error(field, "不能超过 " + maxLength + " 个字符 / must be at most " + maxLength + " characters");
    }
    return text;
  }

  /** One of the allowed values (a dictionary such as a status or a category). */
  public String oneOf(String field, Collection<String> allowed, boolean required) {
    String value = text(field, 200, required);
    if (value != null && !allowed.contains(value)) {
      return error(field, "取值应为 " + String.join("、", allowed) + " 之一 / must be one of " + String.join(", ", allowed));
    }
    return value;
  }

  /** A whole number within {@code [min, max]}. */
  public Long integer(String field, long min, long max, boolean required) {
    Object value = body.getValue(field);
    if (value == null) {
      return missing(field, required);
    }
    Long parsed = value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? n.longValue()
        : value instanceof String s && s.strip().matches("-?[0-9]{1,18}") ? Long.parseLong(s.strip()) : null;
    if (parsed == null) {
      return error(field, "应为整数 / must be a whole number");
    }
    long v = parsed;
    if (v < min || v > max) {
      return error(field, "应在 " + min + " 到 " + max + " 之间 / must be between " + min + " and " + max);
    }
    return v;
  }

  /**
   * A decimal number (amounts, tonnes, areas), given as a JSON number or a numeric string (to carry exact
   * decimals), at least {@code min} and at most {@code max} when they are not null.
   */
  public BigDecimal decimal(String field, BigDecimal min, BigDecimal max, boolean required) {
    Object value = body.getValue(field);
    if (value == null || value instanceof String s && s.isBlank()) {
      return missing(field, required);
    }
    BigDecimal v;
    try {
      v = value instanceof Number n ? new BigDecimal(n.toString()) : value instanceof String s
          ? new BigDecimal(s.strip()) : null;
    } catch (NumberFormatException e) {
      v = null;
    }
    if (v == null) {
      return error(field, "应为数字 / must be a number");
    }
    if (min != null && v.compareTo(min) < 0) {
      return error(field, "不能小于 " + min.toPlainString() + " / must be at least " + min.toPlainString());
    }
    if (max != null && v.compareTo(max) > 0) {
      return error(field, "不能大于 " + max.toPlainString() + " / must be at most " + max.toPlainString());
    }
    return v;
  }

  /** A calendar date written {@code yyyy-MM-dd}. */
  public LocalDate date(String field, boolean required) {
    String text = text(field, 10, required);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return error(field, "日期格式应为 yyyy-MM-dd / must be a date written yyyy-MM-dd");
    }
  }

  /** A calendar month written {@code yyyy-MM} (a monthly report's period). */
  public YearMonth month(String field, boolean required) {
    String text = text(field, 7, required);
    if (text == null) {
      return null;
    }
    try {
      return YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      return error(field, "月份格式应为 yyyy-MM / must be a month written yyyy-MM");
    }
  }

  /**
   * An ID-card number, checked (format, check digit) and sealed for storage in one step, so that a bad number is
   * reported together with the body's other bad fields.
   */
  public Sealed idCard(String field, PersonalData personalData, boolean required) {
    String text = text(field, 40, required);
    return text == null ? null : sealed(() -> personalData.sealIdCard(name(field), text));
  }

  /** A mobile or landline number, checked and sealed for storage in one step. */
  public Sealed phone(String field, PersonalData personalData, boolean required) {
    String text = text(field, 40, required);
    return text == null ? null : sealed(() -> personalData.sealPhone(name(field), text));
  }

  private Sealed sealed(java.util.function.Supplier<Sealed> seal) {
    try {
      return seal.get();
    } catch (Problem problem) {
      errors.addAll(problem.errors());
      return null;
    }
  }

  /** A boolean; {@code fallback} when absent. */
  public boolean bool(String field, boolean fallback) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (value instanceof String s && (s.equals("true") || s.equals("false"))) {
      return Boolean.parseBoolean(s);
    }
    if (!(value instanceof Boolean b)) {
      error(field, "应为 true 或 false / must be true or false");
      return fallback;
    }
    return b;
  }

  /** An array (of objects or values); an empty array when absent and not required. */
  public JsonArray array(String field, int maxSize, boolean required) {
    Object value = body.getValue(field);
    if (value == null) {
      missing(field, required);
      return new JsonArray();
    }
    if (!(value instanceof JsonArray a)) {
      error(field, "应为数组 / must be an array");
      return new JsonArray();
    }
    if (a.size() > maxSize) {
      error(field, "最多 " + maxSize + " 项 / at most " + maxSize + " items");
      return new JsonArray();
    }
    return a;
  }

  /** Records an error on {@code field} unless {@code ok}: for rules between fields. */
  public Fields check(boolean ok, String field, String reason) {
    if (!ok) {
      errors.add(new FieldError(name(field), reason));
    }
    return this;
  }

  /** Whether every field read so far was good. */
  public boolean valid() {
    return errors.isEmpty();
  }

  /** The errors found so far. */
  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  /** @throws Problem 422 naming every offending field, if any */
  public void validate() {
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
  }

  private <T> T missing(String field, boolean required) {
    if (required) {
      errors.add(new FieldError(name(field), "必填 / required"));
    }
    return null;
  }

  private <T> T error(String field, String reason) {
    errors.add(new FieldError(name(field), reason));
    return null;
  }

  private String name(String field) {
    return prefix + field;
  }
}
