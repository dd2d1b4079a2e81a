package cn.zhenxing.sdk.http;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.security.Principal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading what the host's request pipeline established about a request. */
public final class Requests {

  /** Routing-context key under which the host stores the request's {@link County}. */
  public static final String COUNTY_KEY = "zx.county";
  /** Routing-context key under which the host stores the request id (also sent as {@code X-Request-Id}). */
  public static final String REQUEST_ID_KEY = "zx.requestId";
  /** Routing-context key under which the host stores the request's {@link Principal}. */
  public static final String PRINCIPAL_KEY = "zx.principal";

  private Requests() {
  }

  /**
   * The county of a request to a county route ({@link HttpRoutes#county()}); the host has already checked that it
   * exists and enables the plugin.
   *
   * @throws IllegalStateException when called from a city route
   */
  public static County county(RoutingContext rc) {
    County county = rc.get(COUNTY_KEY);
    if (county == null) {
      throw new IllegalStateException("not a county route: " + rc.normalizedPath());
    }
    return county;
  }

  /**
   * The authenticated user of the request. Every API route except login has one: the core answered 401 before
   * any handler ran otherwise.
   */
  public static Principal principal(RoutingContext rc) {
    Principal principal = rc.get(PRINCIPAL_KEY);
    if (principal == null) {
      throw new Problem(401, "/problems/unauthenticated", "未登录 / Not authenticated", "请先登录 / Log in first");
    }
    return principal;
  }

  /** The request id, as sent back in {@code X-Request-Id} and written in every log line of the request. */
  public static String requestId(RoutingContext rc) {
    return rc.get(REQUEST_ID_KEY);
  }

  /**
   * The request body as a JSON object.
   *
   * @throws Problem 400 when the body is missing, is not JSON, or is JSON but not an object
   */
  public static JsonObject jsonBody(RoutingContext rc) {
    if (rc.body() == null || rc.body().buffer() == null || rc.body().length() == 0) {
      throw Problem.badRequest("请求体不能为空 / The request body is empty; a JSON object is expected");
    }
    try {
      Object value = rc.body().buffer().toJsonValue();
      if (value instanceof JsonObject object) {
        return object;
      }
    } catch (DecodeException e) {
      throw Problem.badRequest("请求体不是有效的 JSON / The request body is not valid JSON");
    }
    throw Problem.badRequest("请求体应为 JSON 对象 / The request body must be a JSON object");
  }

  /**
   * A numeric id from the path ({@code /households/:id}).
   *
   * @throws Problem 404 when it is not a positive whole number: to the client it is an id that does not exist
   */
  public static long id(RoutingContext rc, String param) {
    String text = rc.pathParam(param);
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Problem.notFound("编号 " + text + " 不存在 / There is nothing with id " + text);
  }
}
