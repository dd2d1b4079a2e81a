package cn.zhenxing.server.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Reads OpenAPI documents from a class loader and checks that they are OpenAPI 3, so that a plugin author gets a
 * sentence saying what is wrong with the document instead of a schema-validator dump.
 *
 * <p>Reading is blocking (class-path I/O): call it on a worker thread, except for the core's own document read
 * once at start-up.
 */
final class OpenApiDocuments {

  /** YAML is a superset of JSON: one parser reads both. Duplicate keys are a mistake, not "last one wins". */
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  private OpenApiDocuments() {
  }

  /**
   * The document at {@code resource} in {@code classLoader}, parsed and checked.
   *
   * @throws IllegalArgumentException saying what is wrong (the caller names the document): missing, unreadable or
   *     not OpenAPI 3
   */
  static JsonObject read(ClassLoader classLoader, String resource) {
    String name = resource.startsWith("/") ? resource.substring(1) : resource;
    try (InputStream in = classLoader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("not found on the plugin's class path");
      }
      JsonObject document = parse(in);
      requireOpenApi3(document);
      return document;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot be read: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static JsonObject parse(InputStream in) throws IOException {
    Object value;
    try {
      value = YAML.readValue(in, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("neither valid YAML nor JSON: "
          + e.getOriginalMessage() + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    }
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("a YAML/JSON object is expected at the top level");
    }
    // copy() turns the nested maps and lists into JsonObject/JsonArray all the way down.
    return new JsonObject((Map<String, Object>) value).copy();
  }

  /** Checks the parts every later step relies on; the full check is the contract build. */
  static void requireOpenApi3(JsonObject document) {
    if (document.containsKey("swagger")) {
      throw new IllegalArgumentException("Swagger " + document.getValue("swagger")
          + ", but an OpenAPI 3.0 or 3.1 document is required");
    }
    Object version = document.getValue("openapi");
    if (!(version instanceof String v) || !v.matches("3\\.[01]\\.\\d+")) {
      throw new IllegalArgumentException("\"openapi: 3.0.x\" or \"openapi: 3.1.x\" expected, found " + (version == null ? "nothing" : "\"" + version + "\""));
    }
    if (!(document.getValue("info") instanceof JsonObject)) {
      throw new IllegalArgumentException("no \"info\" object");
    }
    if (!(document.getValue("paths") instanceof JsonObject paths)) {
      throw new IllegalArgumentException("no \"paths\" object");
    }
    for (String path : paths.fieldNames()) {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path \"" + path + "\" must start with /");
      }
      if (!(paths.getValue(path) instanceof JsonObject)) {
        throw new IllegalArgumentException("path \"" + path + "\" must be an object");
      }
    }
  }
}
