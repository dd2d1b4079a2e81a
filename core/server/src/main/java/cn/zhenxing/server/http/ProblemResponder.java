package cn.zhenxing.server.http;

import cn.zhenxing.sdk.http.FieldError;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors become responses: every failure, whether a {@link Problem}, a database constraint, a
 * framework status or a bug, answers {@code application/problem+json} without a stack trace or SQL. Bugs are
 * logged with their stack trace under the request id that the client also receives.
 */
public final class ProblemResponder implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponder.class);
  /** The most of an unread body that is read and dropped to deliver an early answer (the upload limit's order). */
  static final long DROP_LIMIT = 256L << 20;

  private final ConstraintFields constraints;

  public ProblemResponder(ConstraintFields constraints) {
    this.constraints = constraints;
  }

  @Override
  public void handle(RoutingContext rc) {
    if (rc.response().ended()) {
      return;
    }
    Problem problem = toProblem(rc.failure(), rc.statusCode(), constraints);
    if (problem.status() >= 500) {
      LOG.error("{} {} failed", rc.request().method(), rc.request().path(), rc.failure());
    } else {
      LOG.debug("{} {} answered {}: {}", rc.request().method(), rc.request().path(), problem.status(),
          problem.detail());
    }
    send(rc, problem);
  }

  /** Writes a problem response. */
  public static void send(RoutingContext rc, Problem problem) {
    JsonObject body = new JsonObject()
        .put("type", problem.type())
        .put("title", problem.title())
        .put("status", problem.status())
        .put("detail", problem.detail())
        .put("instance", rc.request().path());
    String requestId = Requests.requestId(rc);
    if (requestId != null) {
      body.put("requestId", requestId);
    }
    if (!problem.errors().isEmpty()) {
      JsonArray errors = new JsonArray();
      for (FieldError e : problem.errors()) {
        errors.add(new JsonObject().put("field", e.field()).put("reason", e.reason()));
      }
      body.put("errors", errors);
    }
    dropUnreadBody(rc.request());
    rc.response().setStatusCode(problem.status())
        .putHeader("Content-Type", "application/problem+json; charset=utf-8");
    rc.response().end(body.encode());
  }

  /**
   * A request answered before its body was read — a spreadsheet upload, held paused until its import route reads
   * it, refused by authentication, the county guard or the router — has the rest of its body read and dropped: a
   * client that sends its whole body before reading the answer (java.net.http does) would otherwise wait on a full
   * socket for ever. Past {@link #DROP_LIMIT} bytes the connection is closed instead of reading on.
   */
  private static void dropUnreadBody(HttpServerRequest request) {
    if (request.isEnded()) {
      return;
    }
    long[] dropped = {0};
    try {
      request.handler(chunk -> {
        dropped[0] += chunk.length();
        if (dropped[0] > DROP_LIMIT && request.version() != HttpVersion.HTTP_2) {
          request.handler(null); // once: the connection goes, and with it the rest of the body
          request.connection().close();
        }
      });
      request.resume();
    } catch (IllegalStateException alreadyRead) {
      // read meanwhile: nothing left to drop
    }
  }

  static Problem toProblem(Throwable failure, int status, ConstraintFields constraints) {
    if (failure instanceof Problem p) {
      return p;
    }
    if (failure instanceof HttpException http) {
      return forStatus(http.getStatusCode(), http.getPayload());
    }
    if (failure instanceof DecodeException) {
      return Problem.badRequest("请求体不是有效的 JSON / The request body is not valid JSON");
    }
    if (failure instanceof PgException pg) {
      Problem mapped = DatabaseErrors.toProblem(pg, constraints);
      if (mapped != null) {
        return mapped;
      }
    }
    if (failure == null && status > 0) {
      return forStatus(status, null);
    }
    return new Problem(500, "/problems/internal", "服务器内部错误 / Internal server error",
        "处理请求时发生意外错误，请凭请求编号联系管理员 / An unexpected error occurred; quote the request id to the "
            + "administrators");
  }

  static Problem forStatus(int status, String payload) {
    return switch (status) {
      case 400 -> Problem.badRequest(payload != null ? payload : "请求无法解析 / The request cannot be read");
      case 401 -> new Problem(401, "/problems/unauthenticated", "未登录 / Not authenticated",
          "请先登录 / Log in first");
      case 403 -> Problem.forbidden("无权访问 / Access denied");
      case 404 -> Problem.notFound("没有这个地址 / There is nothing at this address");
      case 405 -> new Problem(405, "/problems/method-not-allowed", "方法不允许 / Method not allowed",
          "此地址不支持该方法 / This address does not support the method");
      case 413 -> new Problem(413, "/problems/payload-too-large", "请求体过大 / Request body too large",
          "请求体超过服务器允许的大小 / The request body is larger than the server accepts");
      case 415 -> new Problem(415, "/problems/unsupported-media-type", "不支持的内容类型 / Unsupported media type",
          "请求体应为 application/json / The request body must be application/json");
      case 503 -> new Problem(503, "/problems/unavailable", "服务暂不可用 / Service unavailable",
          payload != null ? payload : "服务暂不可用，请稍后再试 / Try again later");
      default -> status >= 400 && status < 500
          ? new Problem(status, "/problems/http-" + status, "请求错误 / Request error", "HTTP " + status)
          : new Problem(500, "/problems/internal", "服务器内部错误 / Internal server error",
              "处理请求时发生意外错误，请凭请求编号联系管理员 / An unexpected error occurred; quote the request id "
                  + "to the administrators");
    };
  }
}
