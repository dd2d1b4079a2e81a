package cn.zhenxing.server.openapi;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Placeholder: merges OpenAPI documents, serves them and validates requests (being written). */
public final class OpenApiRegistry implements ApiDocs {

  private final Vertx vertx;

  public OpenApiRegistry(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Void> addPlugin(String pluginId, ClassLoader classLoader, String resource) {
    return Future.succeededFuture();
  }

  @Override
  public void removePlugin(String pluginId) {
  }

  /** Serves {@code /openapi.json} and {@code /docs} on the API router. */
  public void mount(Router api) {
  }

  /** Validates requests for which the merged document has an operation. */
  public Handler<RoutingContext> validator() {
    return RoutingContext::next;
  }
}
