package cn.zhenxing.server.openapi;

import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatableRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks a request against the operation the merged document has for its path and method, before any handler
 * runs, so handlers can trust the types and formats the document promises. Requests the document does not describe
 * pass through untouched: not every route is documented, and a 404 or 405 is the router's job.
 *
 * <p>A body-less operation with simple parameters is checked here on the event loop ({@link ParameterChecks});
 * the rest by vertx-openapi.
 *
 * <p>Runs after {@code BodyHandler}: the body is taken from the routing context, not read from the request again.
 * vertx-openapi 5.0.7 checks the values on a worker thread ({@code executeBlocking}) and completes on the request's
 * context, so a large body does not hold the event loop.
 */
final class RequestValidation implements Handler<RoutingContext> {

  /**
   * The contract, its validator and the parameter checks of its body-less operations (by operation id), built
   * together and replaced together when plugins come and go.
   */
  record Compiled(OpenAPIContract contract, RequestValidator validator, Map<String, ParameterChecks> fast) {
  }

  private final Supplier<Future<Compiled>> compiled;

  /** @param compiled the current contract; may still be building (the first request after a change waits) */
  RequestValidation(Supplier<Future<Compiled>> compiled) {
    this.compiled = compiled;
  }

  @Override
  public void handle(RoutingContext rc) {
    Future<Compiled> current = compiled.get();
    if (current.isComplete()) {
      proceed(rc, current);
      return;
    }
    // The contract's future completes on the context that built it; the request must continue on its own.
    Context requestContext = Vertx.currentContext();
    current.onComplete(ar -> requestContext.runOnContext(v -> proceed(rc, current)));
  }

  private void proceed(RoutingContext rc, Future<Compiled> current) {
    if (current.failed()) {
      // Already logged where it was built. Handlers still check what they rely on: serve rather than fail them all.
      rc.next();
    } else {
      validate(rc, current.result());
    }
  }

  private void validate(RoutingContext rc, Compiled current) {
    Operation operation = current.contract().findOperation(rc.request().path(), rc.request().method());
    if (operation == null) {
      rc.next();
      return;
    }
    ParameterChecks fast = current.fast().get(operation.getOperationId());
    if (fast != null) {
      try {
        Problem problem = fast.check(rc.request().path(), rc.queryParams());
        if (problem == null) {
          rc.next();
        } else {
          rc.fail(problem);
        }
        return;
      } catch (ParameterChecks.Undecided beyond) {
        // on to vertx-openapi
      }
    }
    Future<ValidatableRequest> extracted;
    try {
      extracted = RequestUtils.extract(rc.request(), operation, () -> Future.succeededFuture(body(rc)));
    } catch (RuntimeException e) {
      extracted = Future.failedFuture(e); // a parameter that is not valid percent-encoding
    }
    extracted
        .map(request -> jsonByDefault(request, operation))
        .compose(request -> current.validator().validate(request, operation.getOperationId()))
        .onSuccess(validated -> rc.next())
        .onFailure(failure -> {
          List<String> accepted = operation.getRequestBody() == null ? List.of()
              : List.copyOf(operation.getRequestBody().getContent().keySet());
          Problem problem = ValidationProblems.toProblem(failure, accepted);
          rc.fail(problem != null ? problem : failure); // not the request's fault: a 500, logged with its trace
        });
  }

  private static Buffer body(RoutingContext rc) {
    return rc.body() == null ? null : rc.body().buffer();
  }

  /**
   * A body sent without {@code Content-Type} is read as JSON when the operation accepts JSON, as the core's handlers
   * do; vertx-openapi alone would answer "format not supported" for it.
   */
  private static ValidatableRequest jsonByDefault(ValidatableRequest request, Operation operation) {
    if (request.getContentType() != null || operation.getRequestBody() == null
        || !operation.getRequestBody().getContent().containsKey("application/json")) {
      return request;
    }
    return new ValidatableRequest() {
      @Override
      public String getContentType() {
        return "application/json";
      }

      @Override
      public Map<String, RequestParameter> getCookies() {
        return request.getCookies();
      }

      @Override
      public Map<String, RequestParameter> getPathParameters() {
        return request.getPathParameters();
      }

      @Override
      public Map<String, RequestParameter> getQuery() {
        return request.getQuery();
      }

      @Override
      public Map<String, RequestParameter> getHeaders() {
        return request.getHeaders();
      }

      @Override
      public RequestParameter getBody() {
        return request.getBody();
      }
    };
  }
}
