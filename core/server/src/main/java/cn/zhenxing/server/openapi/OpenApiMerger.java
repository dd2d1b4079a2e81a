package cn.zhenxing.server.openapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a plugin's own OpenAPI document into its part of the platform's document, and merges the parts.
 *
 * <p>A plugin writes its document as if it were alone: paths relative to its base ({@code /counties/{county}/x}),
 * schema names of its own choosing. Merged as-is, two plugins' {@code Item} schemas would overwrite each other and
 * their paths would not match the URLs the host mounts them at. So each plugin's part is rewritten:
 *
 * <ul>
 *   <li>paths get the prefix {@code /api/v1/<pluginId>}, where the host mounts the plugin's routers;</li>
 *   <li>components (except security schemes, which the platform owns) are renamed {@code <pluginId>.<name>}, and
 *       every {@code $ref} to them follows;</li>
 *   <li>every operation is tagged with the plugin id (one group per plugin in Swagger UI) and gets the operation id
 *       {@code <pluginId>.<operationId>} (synthesised when missing: the validator looks operations up by id);</li>
 *   <li>a 3.0 document's {@code nullable} and boolean {@code exclusiveMinimum/Maximum} become their 3.1 forms, because
 *       the merged document is 3.1.</li>
 * </ul>
 */
final class OpenApiMerger {

  static final String API_BASE = "/api/v1";

  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
      "trace");
  private static final Set<String> SHARED_COMPONENTS = Set.of("securitySchemes");

  private OpenApiMerger() {
  }

  /**
   * The plugin's part of the platform document: {@code paths}, {@code components} and one {@code tag}.
   *
   * @param document a document that passed {@link OpenApiDocuments#requireOpenApi3}; not modified
   */
  static JsonObject forPlugin(String pluginId, JsonObject document) {
    JsonObject doc = document.copy();
    checkRefs(doc, doc.getJsonObject("components", new JsonObject()));
    if (doc.getString("openapi").startsWith("3.0")) {
      upgradeSchemas(doc);
    }
    rewriteRefs(doc, pluginId);
    String prefix = API_BASE + "/" + pluginId;
    JsonArray security = doc.getJsonArray("security");

    JsonObject paths = new JsonObject();
    Set<String> operationIds = new HashSet<>();
    for (Map.Entry<String, Object> path : doc.getJsonObject("paths")) {
      JsonObject item = ((JsonObject) path.getValue()).copy();
      item.remove("servers");
      for (String method : METHODS) {
        if (item.getValue(method) instanceof JsonObject operation) {
          operation.remove("servers");
          String id = operation.getString("operationId", synthesizeOperationId(method, path.getKey()));
          if (!operationIds.add(id)) {
            throw new IllegalArgumentException("operationId \"" + id + "\" is used by more than one operation");
          }
          operation.put("operationId", pluginId + "." + id);
          operation.put("tags", new JsonArray().add(pluginId));
          if (security != null && !operation.containsKey("security")) {
            operation.put("security", security.copy());
          }
        }
      }
      paths.put(prefix + path.getKey(), item);
    }

    JsonObject components = new JsonObject();
    doc.getJsonObject("components", new JsonObject()).forEach(kind -> {
      if (!(kind.getValue() instanceof JsonObject entries)) {
        return;
      }
      JsonObject renamed = new JsonObject();
      entries.forEach(e -> renamed.put(SHARED_COMPONENTS.contains(kind.getKey()) ? e.getKey()
          : pluginId + "." + e.getKey(), e.getValue()));
      components.put(kind.getKey(), renamed);
    });

    JsonObject info = doc.getJsonObject("info");
    String description = info.getString("title", pluginId) + " (" + pluginId + " " + info.getString("version", "")
        + ")";
    return new JsonObject().put("paths", paths).put("components", components)
        .put("tag", new JsonObject().put("name", pluginId).put("description", description.trim()));
  }

  /**
   * The core document with every plugin part added, in plugin-id order (so the document does not depend on the
   * order plugins started in).
   *
   * @throws IllegalArgumentException when a path is documented twice
   */
  static JsonObject merge(JsonObject core, Map<String, JsonObject> parts) {
    JsonObject merged = core.copy();
    JsonObject paths = merged.getJsonObject("paths");
    JsonObject components = merged.getJsonObject("components");
    if (components == null) {
      components = new JsonObject();
      merged.put("components", components);
    }
    JsonArray tags = merged.getJsonArray("tags");
    if (tags == null) {
      tags = new JsonArray();
      merged.put("tags", tags);
    }
    for (Map.Entry<String, JsonObject> part : new TreeMap<>(parts).entrySet()) {
      for (Map.Entry<String, Object> path : part.getValue().getJsonObject("paths")) {
        if (paths.containsKey(path.getKey())) {
          throw new IllegalArgumentException("path " + path.getKey() + " of plugin " + part.getKey()
              + " is already documented");
        }
        paths.put(path.getKey(), path.getValue());
      }
      for (Map.Entry<String, Object> kind : part.getValue().getJsonObject("components")) {
        JsonObject target = components.getJsonObject(kind.getKey());
        if (target == null) {
          target = new JsonObject();
          components.put(kind.getKey(), target);
        }
        for (Map.Entry<String, Object> entry : (JsonObject) kind.getValue()) {
          // Prefixed names cannot clash; a shared security scheme the platform already defines stays the platform's.
          if (!target.containsKey(entry.getKey())) {
            target.put(entry.getKey(), entry.getValue());
          }
        }
      }
      tags.add(part.getValue().getJsonObject("tag"));
    }
    return merged;
  }

  /** {@code get /counties/{county}/greetings} becomes {@code getCountiesCountyGreetings}. */
  static String synthesizeOperationId(String method, String path) {
    StringBuilder id = new StringBuilder(method);
    for (String segment : path.split("[/{}\\-_.]+")) {
      if (!segment.isEmpty()) {
        id.append(Character.toUpperCase(segment.charAt(0))).append(segment.substring(1));
      }
    }
    return id.toString();
  }

  /**
   * Fails on a reference vertx-openapi would reject with a less helpful message: one to another file, or to a
   * component the document does not define.
   */
  private static void checkRefs(Object node, JsonObject components) {
    if (node instanceof JsonObject object) {
      for (Map.Entry<String, Object> entry : object) {
        if ("$ref".equals(entry.getKey()) && entry.getValue() instanceof String ref) {
          checkRef(ref, components);
        } else if (!"example".equals(entry.getKey())) {
          checkRefs(entry.getValue(), components);
        }
      }
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> checkRefs(item, components));
    }
  }

  private static void checkRef(String ref, JsonObject components) {
    if (!ref.startsWith("#")) {
      throw new IllegalArgumentException("$ref \"" + ref + "\": only references inside the document are supported");
    }
    if (ref.startsWith("#/components/")) {
      String[] parts = ref.substring("#/components/".length()).split("/");
      JsonObject kind = components.getJsonObject(parts[0]);
      String name = parts.length < 2 ? "" : parts[1].replace("~1", "/").replace("~0", "~");
      if (kind == null || !kind.containsKey(name)) {
        throw new IllegalArgumentException("$ref \"" + ref + "\" points at nothing: components." + parts[0]
            + " has no \"" + name + "\"");
      }
    }
  }

  /** Points every internal {@code $ref} (and discriminator mapping) at the renamed components and paths. */
  private static void rewriteRefs(Object node, String pluginId) {
    if (node instanceof JsonObject object) {
      for (Map.Entry<String, Object> entry : object) {
        if ("$ref".equals(entry.getKey()) && entry.getValue() instanceof String ref) {
          entry.setValue(rewriteRef(ref, pluginId));
        } else if ("mapping".equals(entry.getKey()) && entry.getValue() instanceof JsonObject mapping) {
          mapping.forEach(m -> {
            if (m.getValue() instanceof String target) {
              m.setValue(target.startsWith("#") ? rewriteRef(target, pluginId)
                  : target.contains("/") ? target : pluginId + "." + target);
            }
          });
        } else if (!"example".equals(entry.getKey())) {
          rewriteRefs(entry.getValue(), pluginId);
        }
      }
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> rewriteRefs(item, pluginId));
    }
  }

  private static String rewriteRef(String ref, String pluginId) {
    if (ref.startsWith("#/components/")) {
      int slash = ref.indexOf('/', "#/components/".length());
      String kind = ref.substring("#/components/".length(), slash < 0 ? ref.length() : slash);
      if (slash < 0 || SHARED_COMPONENTS.contains(kind)) {
        return ref;
      }
      return ref.substring(0, slash + 1) + pluginId + "." + ref.substring(slash + 1);
    }
    if (ref.startsWith("#/paths/")) {
      // JSON pointer: "/" inside a key is written "~1".
      return "#/paths/" + (API_BASE + "/" + pluginId).replace("/", "~1") + ref.substring("#/paths/".length());
    }
    return ref; // external: the contract build rejects it with a message naming it
  }

  /** Rewrites the 3.0 schema keywords whose meaning changed in 3.1 (JSON Schema 2020-12). */
  private static void upgradeSchemas(Object node) {
    if (node instanceof JsonObject object) {
      if (object.getValue("nullable") instanceof Boolean nullable) {
        object.remove("nullable");
        if (nullable && object.getValue("type") instanceof String type) {
          object.put("type", new JsonArray().add(type).add("null"));
        }
      }
      upgradeExclusive(object, "exclusiveMinimum", "minimum");
      upgradeExclusive(object, "exclusiveMaximum", "maximum");
      for (Map.Entry<String, Object> entry : object) {
        if (!"example".equals(entry.getKey())) {
          upgradeSchemas(entry.getValue());
        }
      }
    } else if (node instanceof JsonArray array) {
      array.forEach(OpenApiMerger::upgradeSchemas);
    }
  }

  private static void upgradeExclusive(JsonObject schema, String exclusive, String bound) {
    if (schema.getValue(exclusive) instanceof Boolean flag) {
      schema.remove(exclusive);
      if (flag && schema.getValue(bound) instanceof Number limit) {
        schema.remove(bound);
        schema.put(exclusive, limit);
      }
    }
  }
}
