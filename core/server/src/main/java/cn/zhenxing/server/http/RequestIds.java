package cn.zhenxing.server.http;

import cn.zhenxing.sdk.http.Requests;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.spi.context.storage.ContextLocal;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is sane, a new one otherwise. The id is sent
 * back in {@code X-Request-Id}, stored for handlers ({@link Requests#requestId}) and kept in the request's Vert.x
 * context, where the log pattern's {@code %rid} reads it, so every log line of the request carries it, including
 * lines written from futures and worker threads of that request.
 */
public final class RequestIds implements Handler<RoutingContext> {

  /** Must be registered before the first Vert.x instance is built: {@link #init()} does that. */
  static final ContextLocal<String> LOCAL = ContextLocal.registerLocal(String.class);

  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  public static final String HEADER = "X-Request-Id";

  /** Forces registration of the context local; call before building Vert.x. */
  public static void init() {
    // class initialisation does the work
  }

  /** The request id of the code running now, or null outside a request. */
  public static String current() {
    Context context = Vertx.currentContext();
    return context == null ? null : context.getLocal(LOCAL);
  }

  @Override
  public void handle(RoutingContext rc) {
    String incoming = rc.request().getHeader(HEADER);
    String id = incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    rc.put(Requests.REQUEST_ID_KEY, id);
    rc.response().putHeader(HEADER, id);
    Context context = Vertx.currentContext();
    if (context != null) {
      context.putLocal(LOCAL, id);
    }
    rc.next();
  }
}
