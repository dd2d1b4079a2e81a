package cn.zhenxing.server.openapi;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Swagger UI at {@code /api/docs}, so people can read and try the API without installing anything.
 *
 * <p>The assets are served straight from the {@code org.webjars:swagger-ui} jar; the page, the initializer script
 * and a stylesheet are ours ({@code openapi/docs/}), because the webjar's own initializer points at the Petstore
 * demo and because the document needs a session: the page asks for a login first and sends the session token with
 * every request Swagger UI makes. The page itself is static and public; what it shows is not. It links its assets
 * by absolute path, so {@code /api/docs} and {@code /api/docs/} both work without a redirect.
 */
final class DocsUi {

  static final String PATH = "/api/docs";

  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
  private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
  /** Used only if the webjar's pom.properties went missing (e.g. stripped by a repackaging). */
  private static final String KNOWN_VERSION = "5.34.1";

  private static final String HTML = "text/html; charset=utf-8";
  /** Our own files under {@code /api/docs/} and their media types; they take precedence over the webjar's. */
  private static final Map<String, String> OWN_FILES = Map.of(
      "index.html", HTML,
      "swagger-initializer.js", "text/javascript; charset=utf-8",
      "zhenxing-docs.css", "text/css; charset=utf-8");

  private final Map<String, String> files = new HashMap<>();
  private final String webRoot;

  /** Reads our few small files once, at start-up. */
  DocsUi() {
    OWN_FILES.keySet().forEach(name -> files.put(name, resource("openapi/docs/" + name)));
    this.webRoot = WEBJAR + webjarVersion();
  }

  void mount(Router root) {
    String indexPage = files.get("index.html");
    root.route(PATH).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(rc -> send(rc, HTML, indexPage));
    root.route(PATH + "/").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(rc -> send(rc, HTML, indexPage));
    OWN_FILES.forEach((name, type) -> {
      String body = files.get(name);
      root.route(PATH + "/" + name).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(rc -> send(rc, type, body));
    });
    root.route(PATH + "/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(StaticHandler.create(webRoot).setDirectoryListing(false));
  }

  private static void send(RoutingContext rc, String contentType, String body) {
    rc.response().putHeader("Content-Type", contentType).putHeader("Cache-Control", "no-cache").end(body);
  }

  private static String webjarVersion() {
    try (InputStream in = DocsUi.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
      if (in == null) {
        return KNOWN_VERSION;
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", KNOWN_VERSION);
    } catch (IOException e) {
      return KNOWN_VERSION;
    }
  }

  private static String resource(String name) {
    try (InputStream in = DocsUi.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the server jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
