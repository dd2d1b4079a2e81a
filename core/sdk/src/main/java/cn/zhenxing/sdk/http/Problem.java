package cn.zhenxing.sdk.http;

import java.util.List;
import java.util.Objects;

/**
 * An error to report to the client as RFC 9457 {@code application/problem+json}. Throw it (or fail a future with
 * it) from any handler; the host renders it, logs it at the right level and rolls back the request's transaction.
 *
 * <p>{@code type} is a stable identifier clients can switch on (a relative URI such as
 * {@code /problems/validation}); {@code title} is short and fixed per type; {@code detail} explains this occurrence.
 * Titles and details are written zh-CN first with English beside it, e.g. {@code "县区不存在 / County not found"}.
 */
public class Problem extends RuntimeException {

  private final int status;
  private final String type;
  private final String title;
  private final List<FieldError> errors;

  public Problem(int status, String type, String title, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.type = Objects.requireNonNull(type, "type");
    this.title = Objects.requireNonNull(title, "title");
    this.errors = List.copyOf(errors);
  }

  public Problem(int status, String type, String title, String detail) {
    this(status, type, title, detail, List.of());
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** 400: the request cannot be read (malformed JSON, a parameter of the wrong type). */
  public static Problem badRequest(String detail) {
    return new Problem(400, "/problems/bad-request", "请求格式错误 / Bad request", detail);
  }

  /** 422: the request is well formed but its content breaks a rule; names every offending field. */
  public static Problem invalid(List<FieldError> errors) {
    String detail = errors.stream().map(e -> e.field() + ": " + e.reason()).reduce((a, b) -> a + "; " + b)
        .orElse("请求内容无效 / The request content is invalid");
    return new Problem(422, "/problems/validation", "数据校验失败 / Validation failed", detail, errors);
  }

  /** 422 for a single field. */
  public static Problem invalid(String field, String reason) {
    return invalid(List.of(new FieldError(field, reason)));
  }

  /** 404: the thing named by the URL does not exist (or is not visible to the caller). */
  public static Problem notFound(String detail) {
    return new Problem(404, "/problems/not-found", "资源不存在 / Not found", detail);
  }

  /** 409: the request conflicts with the current state (a duplicate, a stale version, a wrong status). */
  public static Problem conflict(String detail) {
    return new Problem(409, "/problems/conflict", "与现有数据冲突 / Conflict", detail);
  }

  /** 403: the caller may not do this. */
  public static Problem forbidden(String detail) {
    return new Problem(403, "/problems/forbidden", "无权访问 / Forbidden", detail);
  }
}
