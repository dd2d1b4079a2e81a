package cn.zhenxing.server.http;

import cn.zhenxing.server.county.Counties;
import cn.zhenxing.server.county.CountyGuard;
import cn.zhenxing.server.security.AccessDenials;
import cn.zhenxing.server.security.AccessGuard;
import cn.zhenxing.server.sheet.SheetService;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The request pipeline, in the order a request meets it. This file is the one place to read to know what happens
 * to a request before a plugin handler runs:
 *
 * <ol>
 *   <li>request id ({@code X-Request-Id}, also in every log line of the request);</li>
 *   <li>access log (one line per request);</li>
 *   <li>health and metrics (unauthenticated);</li>
 *   <li>body limit and body reading, for {@code /api} (except spreadsheet uploads, streamed by their route);</li>
 *   <li>authentication: the session becomes the request's principal, or 401 (login is the only way through
 *       without one);</li>
 *   <li>request validation against the merged OpenAPI document;</li>
 *   <li>the core's own API;</li>
 *   <li>per plugin: the county exists and enables the plugin ({@link CountyGuard}), the account covers the
 *       county and holds the plugin's read or write permission ({@link AccessGuard}), then the plugin's
 *       routers, where single routes may require finer permissions;</li>
 *   <li>errors of any kind: {@link ProblemResponder} ({@code application/problem+json}).</li>
 * </ol>
 */
public final class HttpPipeline implements PluginMounts {

  public static final String API = "/api/v1";

  private final Vertx vertx;
  private final Router root;
  private final Router api;
  private final Counties counties;
  private final AccessDenials denials;

  /**
   * @param authentication runs before every {@code /api} handler except the ones the security module marks public
   * @param validation     checks requests against the OpenAPI document
   */
  public HttpPipeline(Vertx vertx, Counties counties, AccessDenials denials, long bodyLimit,
      Handler<RoutingContext> authentication,
      Handler<RoutingContext> validation, Consumer<Router> unauthenticated, List<Consumer<Router>> coreApis,
      ConstraintFields constraints) {
    this.vertx = vertx;
    this.counties = counties;
    this.denials = denials;
    this.root = Router.router(vertx);
    this.api = Router.router(vertx);

    root.route().handler(new RequestIds());
    root.route().handler(new AccessLog());
    unauthenticated.accept(root);
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(bodyLimit).setHandleFileUploads(false);
    root.route(API + "/*").handler(rc -> {
      if (SheetService.isUpload(rc.request())) {
        // Spreadsheet uploads stream to a file under their own limit (sheet.SheetService): hold the body until
        // authentication has run and the import route reads it.
        rc.request().pause();
        rc.next();
      } else {
        bodies.handle(rc);
      }
    });
    root.route(API + "/*").handler(authentication);
    root.route(API + "/*").handler(validation);
    coreApis.forEach(apiRoutes -> apiRoutes.accept(api));
    root.route(API + "/*").subRouter(api);

    ProblemResponder problems = new ProblemResponder(constraints);
    root.route().failureHandler(problems);
    for (int status : new int[] {400, 401, 403, 404, 405, 413, 415, 500, 503}) {
      root.errorHandler(status, problems);
    }
  }

  public Router router() {
    return root;
  }

  @Override
  public List<Route> mount(String pluginId, Router countyRouter, Router cityRouter) {
    String base = API + "/" + pluginId;
    List<Route> routes = new ArrayList<>();
    routes.add(root.route(base + "/counties/:county/*").handler(new CountyGuard(counties, pluginId))
        .handler(new AccessGuard(pluginId, true, denials)));
    routes.add(root.route(base + "/counties/:county/*").subRouter(countyRouter));
    routes.add(root.routeWithRegex(java.util.regex.Pattern.quote(base) + "/(?!counties/).*")
        .handler(new AccessGuard(pluginId, false, denials)));
    routes.add(root.route(base + "/*").subRouter(cityRouter));
    return routes;
  }

  /** The pass-through used until an authentication step is installed. */
  public static Handler<RoutingContext> passThrough() {
    return RoutingContext::next;
  }

  Vertx vertx() {
    return vertx;
  }
}
