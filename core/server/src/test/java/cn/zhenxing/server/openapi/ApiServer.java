package cn.zhenxing.server.openapi;

import cn.zhenxing.server.http.ProblemResponder;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A real HTTP server on a random port, its router wired like {@code HttpPipeline}'s (body, validation, the core
 * API router at {@code /api/v1}, problems for every failure), with one stand-in handler answering whatever reaches
 * it, so a test sees exactly what a client sees.
 */
final class ApiServer implements AutoCloseable {

  /** What a request that reached the handlers is answered. */
  static final String REACHED = "reached the handler";

  record Response(int status, String contentType, String body) {
  }

  private final HttpServer server;
  private final HttpClient client;

  ApiServer(Vertx vertx, OpenApiRegistry registry) {
    Router root = Router.router(vertx);
    registry.mountDocsUi(root);
    root.route("/api/v1/*").handler(BodyHandler.create(false).setBodyLimit(1 << 20));
    root.route("/api/v1/*").handler(registry.validator());
    Router api = Router.router(vertx);
    registry.mount(api);
    api.route().handler(rc -> rc.response().setStatusCode(200).end(REACHED));
    root.route("/api/v1/*").subRouter(api);
    root.route().failureHandler(new ProblemResponder(new cn.zhenxing.server.http.ConstraintFields()));
    this.server = vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1").await();
    this.client = vertx.createHttpClient();
  }

  Response get(String uri) {
    return send(HttpMethod.GET, uri, null, null);
  }

  Response putJson(String uri, String json) {
    return send(HttpMethod.PUT, uri, "application/json", json);
  }

  Response postJson(String uri, String json) {
    return send(HttpMethod.POST, uri, "application/json", json);
  }

  Response send(HttpMethod method, String uri, String contentType, String body) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1")
        .setPort(server.actualPort()).setURI(uri).setIdleTimeout(10_000); // fail, never hang
    if (contentType != null) {
      options.putHeader("Content-Type", contentType);
    }
    // body() is asked for inside send()'s callback: chained after it instead, the response can be over before
    // anyone listens, and the request then waits forever (seen about once in a few hundred requests).
    return client.request(options)
        .compose(request -> (body == null ? request.send() : request.send(Buffer.buffer(body)))
            .compose(response -> response.body().map(b -> new Response(response.statusCode(),
                contentType(response), b.toString()))))
        .await();
  }

  private static String contentType(HttpClientResponse response) {
    String value = response.getHeader("Content-Type");
    return value == null ? "" : value;
  }

  @Override
  public void close() {
    client.close().await();
    server.close().await();
  }
}
