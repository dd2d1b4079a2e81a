package cn.zhenxing.plugins.labor.common;

import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Answers and the reading of path and query parameters, the same way in every route of the plugin. */
public final class Http {

  private Http() {
  }

  public static void ok(RoutingContext rc, JsonObject body) {
    send(rc, 200, body);
  }

  public static void created(RoutingContext rc, JsonObject body) {
    send(rc, 201, body);
  }

  private static void send(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }

  /** A numeric id from the path; anything else names nothing that exists (404). */
  public static long id(RoutingContext rc, String name) {
    try {
      return Long.parseLong(rc.pathParam(name));
    } catch (NumberFormatException | NullPointerException e) {
      throw Problem.notFound("记录不存在 / No such record: " + name);
    }
  }

  /** An optional date query parameter written yyyy-MM-dd; 422 naming it otherwise. */
  public static LocalDate date(RoutingContext rc, String name, LocalDate fallback) {
    String text = rc.queryParams().get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw Problem.invalid(name, "日期格式应为 yyyy-MM-dd / must be a date written yyyy-MM-dd");
    }
  }

  /** An optional whole-number query parameter; 422 naming it otherwise. */
  public static Long number(RoutingContext rc, String name) {
    String text = rc.queryParams().get(name);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw Problem.invalid(name, "应为整数 / must be a whole number");
    }
  }

  /** An optional query parameter that must be one of {@code allowed}; 422 naming it otherwise. */
  public static String oneOf(RoutingContext rc, String name, List<String> allowed) {
    String value = text(rc, name);
    if (value != null && !allowed.contains(value)) {
      throw Problem.invalid(name, "取值应为 " + String.join("、", allowed) + " 之一 / must be one of "
          + String.join(", ", allowed));
    }
    return value;
  }

  /** An optional text query parameter, trimmed; null when absent or blank. */
  public static String text(RoutingContext rc, String name) {
    String text = rc.queryParams().get(name);
    return text == null || text.isBlank() ? null : text.strip();
  }
}
