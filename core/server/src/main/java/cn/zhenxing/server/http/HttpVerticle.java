package cn.zhenxing.server.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.function.Consumer;

/**
 * One HTTP server on one event loop, serving the request pipeline's router. The server deploys one instance per CPU
 * core on the same port, and Vert.x hands connections to them in turn: one event loop would cap the whole API at one
 * core.
 */
public final class HttpVerticle extends VerticleBase {

  private final Router router;
  private final int port;
  private final String host;
  private final Consumer<HttpServer> listening;

  /**
   * @param port      the port, shared by every instance; -1 for a random port they all share
   * @param listening told of the server once it listens, to shut it down gracefully later
   */
  public HttpVerticle(Router router, int port, String host, Consumer<HttpServer> listening) {
    this.router = router;
    this.port = port;
    this.host = host;
    this.listening = listening;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
        .requestHandler(router)
        .listen(port, host)
        .onSuccess(listening::accept);
  }
}
