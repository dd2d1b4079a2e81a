package cn.zhenxing.server.openapi;

import cn.zhenxing.server.ZhenxingServer;
import cn.zhenxing.server.openapi.RequestValidation.Compiled;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestValidator;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's one OpenAPI document: the core's own ({@code openapi/core.yaml}) plus one part per started plugin.
 * It is what {@code /api/v1/openapi.json} and Swagger UI show, and what every {@code /api/v1} request is checked
 * against, so the documentation and the checks cannot drift apart.
 *
 * <p>The validation contract is rebuilt lazily: a change (a plugin added or removed) bumps a generation, and the
 * next request builds the contract for it once. Adding a plugin builds it eagerly instead, because that build is
 * also the check that the plugin's document is usable; a plugin whose document is not fails to start.
 *
 * <p>State changes come from the plugin host and requests from the HTTP event loop, possibly different threads:
 * the small amount of state is guarded by {@code this}, and no lock is held while anything runs.
 */
public final class OpenApiRegistry implements ApiDocs {

  private static final Logger LOG = LoggerFactory.getLogger(OpenApiRegistry.class);
  private static final String CORE_DOCUMENT = "openapi/core.yaml";

  private final Vertx vertx;
  private final JsonObject core;

  // Guarded by this.
  private final Map<String, JsonObject> parts = new HashMap<>();
  private final Map<String, Object> loading = new HashMap<>();
  private long generation;
  private JsonObject merged;
  private String served;
  private Built built;

  private record Built(long generation, Future<Compiled> compiled) {
  }

  /** Reads the core's document (a small class-path resource, once, before the HTTP port opens). */
  public OpenApiRegistry(Vertx vertx) {
    this.vertx = vertx;
    try {
      this.core = OpenApiDocuments.read(OpenApiRegistry.class.getClassLoader(), CORE_DOCUMENT);
    } catch (RuntimeException e) {
      throw new IllegalStateException("The core's OpenAPI document " + CORE_DOCUMENT + ": " + e.getMessage(), e);
    }
    core.getJsonObject("info").put("version", ZhenxingServer.VERSION);
    changed();
  }

  @Override
  public Future<Void> addPlugin(String pluginId, ClassLoader classLoader, String resource) {
    return addPlugin(pluginId, classLoader, resource, java.util.List.of());
  }

  @Override
  public Future<Void> addPlugin(String pluginId, ClassLoader classLoader, String resource,
      java.util.List<cn.zhenxing.server.sheet.SheetService.Registration> sheets) {
    Object attempt = new Object();
    synchronized (this) {
      loading.put(pluginId, attempt);
    }
    return vertx.executeBlocking(() -> {
          JsonObject document = resource == null ? SheetPaths.emptyDocument(pluginId)
              : OpenApiDocuments.read(classLoader, resource);
          SheetPaths.addTo(document, sheets);
          return OpenApiMerger.forPlugin(pluginId, document);
        })
        .compose(part -> {
          JsonObject candidate;
          long base;
          synchronized (this) {
            Map<String, JsonObject> withPart = new HashMap<>(parts);
            withPart.put(pluginId, part);
            candidate = OpenApiMerger.merge(core, withPart);
            base = generation;
          }
          return compile(candidate).map(compiled -> commit(pluginId, attempt, part, base, compiled));
        })
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.debug("OpenAPI document {} of plugin {} rejected", resource, pluginId, e);
          // No cause on purpose: the message is complete, and the host would append the innermost cause to it.
          return Future.failedFuture(new IllegalArgumentException("OpenAPI document "
              + (resource == null ? "(generated)" : resource) + ": "
              + e.getMessage()));
        });
  }

  private synchronized Void commit(String pluginId, Object attempt, JsonObject part, long base, Compiled compiled) {
    if (loading.get(pluginId) != attempt) {
      throw new IllegalStateException("superseded: the plugin was stopped or reloaded while its document was read");
    }
    loading.remove(pluginId);
    boolean nothingElseChanged = generation == base;
    parts.put(pluginId, part);
    changed();
    if (nothingElseChanged) {
      built = new Built(generation, Future.succeededFuture(compiled)); // exactly the document now merged
    }
    return null;
  }

  @Override
  public synchronized void removePlugin(String pluginId) {
    loading.remove(pluginId);
    if (parts.remove(pluginId) != null) {
      changed();
    }
  }

  /** A copy of the merged document, as served. */
  public synchronized JsonObject document() {
    return merged.copy();
  }

  /** Serves {@code GET /openapi.json} on the API router (so {@code /api/v1/openapi.json}). */
  public void mount(Router api) {
    api.get("/openapi.json").handler(this::serveDocument);
    compiled(); // build the core's contract now rather than on the first request
  }

  /**
   * Serves Swagger UI at {@code /api/docs} on the root router: it is not under {@code /api/v1}, and it is
   * static pages, so it is mounted with the unauthenticated routes.
   */
  public void mountDocsUi(Router root) {
    new DocsUi().mount(root);
  }

  /** Validates requests for which the merged document has an operation; others pass through. */
  public Handler<RoutingContext> validator() {
    return new RequestValidation(this::compiled);
  }

  private void serveDocument(RoutingContext rc) {
    String body;
    synchronized (this) {
      body = served;
    }
    rc.response().putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-cache").end(body);
  }

  /** The contract of the current generation, building it if needed. */
  synchronized Future<Compiled> compiled() {
    if (built == null || built.generation() != generation) {
      built = new Built(generation, compile(merged).onFailure(e -> LOG.error(
          "The merged OpenAPI document cannot be used for validation; /api/v1 requests pass unchecked: {}",
          e.getMessage())));
    }
    return built.compiled();
  }

  private Future<Compiled> compile(JsonObject document) {
    return ValidationContract.build(vertx, document)
        .map(contract -> new Compiled(contract, RequestValidator.create(vertx, contract),
            ParameterChecks.compile(contract)));
  }

  /** Re-merges after a change; the contract follows lazily. Call with the lock held. */
  private void changed() {
    generation++;
    merged = OpenApiMerger.merge(core, parts);
    served = merged.encode();
  }
}
