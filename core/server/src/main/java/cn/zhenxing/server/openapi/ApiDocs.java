package cn.zhenxing.server.openapi;

import io.vertx.core.Future;

/** The merged OpenAPI document: the core's own and one per started plugin. */
public interface ApiDocs {

  /**
   * Reads a plugin's OpenAPI document from its class loader, checks it, and merges it under
   * {@code /api/v1/<pluginId>}. Fails (and the plugin with it) when the document is missing or invalid.
   */
  Future<Void> addPlugin(String pluginId, ClassLoader classLoader, String resource);

  /**
   * As {@link #addPlugin(String, ClassLoader, String)}, plus the generated paths of the spreadsheet routes of the
   * plugin's registers; {@code resource} may be null when the plugin has no document of its own.
   */
  Future<Void> addPlugin(String pluginId, ClassLoader classLoader, String resource,
      java.util.List<cn.zhenxing.server.sheet.SheetService.Registration> sheets);

  /** Takes a plugin's paths out of the merged document. */
  void removePlugin(String pluginId);
}
