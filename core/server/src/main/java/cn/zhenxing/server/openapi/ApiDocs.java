package cn.zhenxing.server.openapi;

import io.vertx.core.Future;

/** The merged OpenAPI document: the core's own and one per started plugin. */
public interface ApiDocs {

  /**
   * Reads a plugin's OpenAPI document from its class loader, checks it, and merges it under
   * {@code /api/v1/<pluginId>}. Fails (and the plugin with it) when the document is missing or invalid.
   */
  Future<Void> addPlugin(String pluginId, ClassLoader classLoader, String resource);

  /** Takes a plugin's paths out of the merged document. */
  void removePlugin(String pluginId);
}
