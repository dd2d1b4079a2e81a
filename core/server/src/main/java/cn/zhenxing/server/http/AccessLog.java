package cn.zhenxing.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One line per request on logger {@code zhenxing.access}: method, path, status, bytes, milliseconds. */
public final class AccessLog implements Handler<RoutingContext> {

  /** The logger's name; {@code ZX_ACCESS_LOG_LEVEL} sets its level (see {@code logback.xml}). */
  public static final String LOGGER = "zhenxing.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  @Override
  public void handle(RoutingContext rc) {
    long start = System.nanoTime();
    String method = rc.request().method().name();
    String path = rc.request().path();
    rc.addBodyEndHandler(v -> LOG.info("{} {} {} {}B {}ms", method, path, rc.response().getStatusCode(),
        rc.response().bytesWritten(), (System.nanoTime() - start) / 1_000_000));
    rc.next();
  }
}
