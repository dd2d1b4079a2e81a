package cn.zhenxing.server.openapi;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Swagger UI at {@code /api/docs}, so people can read and try the API without installing anything.
 *
 * <p>The assets are served straight from the {@code org.webjars:swagger-ui} jar; only the page and the initializer
 * script are ours, because the webjar's own initializer points at the Petstore demo. The page links its assets by
 * absolute path, so {@code /api/docs} and {@code /api/docs/} both work without a redirect.
 */
final class DocsUi {

  static final String PATH = "/api/docs";

  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
  private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
  /** Used only if the webjar's pom.properties went missing (e.g. stripped by a repackaging). */
  private static final String KNOWN_VERSION = "5.34.1";

  private final String indexPage;
  private final String initializer;
  private final String webRoot;

  /** Reads the two small pages once, at start-up. */
  DocsUi() {
    this.indexPage = resource("openapi/docs/index.html");
    this.initializer = resource("openapi/docs/swagger-initializer.js");
    this.webRoot = WEBJAR + webjarVersion();
  }

  void mount(Router root) {
    root.get(PATH).handler(rc -> send(rc, "text/html; charset=utf-8", indexPage));
    root.get(PATH + "/").handler(rc -> send(rc, "text/html; charset=utf-8", indexPage));
    root.get(PATH + "/index.html").handler(rc -> send(rc, "text/html; charset=utf-8", indexPage));
    root.get(PATH + "/swagger-initializer.js").handler(rc -> send(rc, "text/javascript; charset=utf-8",
        initializer));
    root.get(PATH + "/*").handler(StaticHandler.create(webRoot).setDirectoryListing(false));
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
