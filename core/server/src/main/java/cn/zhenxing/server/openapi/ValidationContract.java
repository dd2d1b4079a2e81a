package cn.zhenxing.server.openapi;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the vertx-openapi contract that requests are validated against, from the merged document.
 *
 * <p>The served document and the validation contract differ on purpose, because vertx-openapi 5.0.7 refuses
 * whole documents over features that only matter to readers:
 *
 * <ul>
 *   <li>a relative server URL such as {@code /} ("The specified URL is malformed"): the contract gets no servers,
 *       so its paths are the absolute request paths;</li>
 *   <li>any response media type outside its short list, including our own {@code application/problem+json}: we do
 *       not validate responses, so the contract gets one placeholder response per operation;</li>
 *   <li>request bodies of other media types (CSV, XML, form-urlencoded): such a body is left unchecked rather than
 *       answered 415, so the operation keeps only its parameters;</li>
 *   <li>parameters described by {@code content} instead of {@code schema}: their value is accepted as any text.</li>
 * </ul>
 *
 * <p>Optional properties of request bodies accept {@code null}, as if absent: JSON clients send {@code null} for a
 * field they have no value for, and {@code Fields} reads it so. Without this every document would have to mark
 * every optional property {@code nullable: true} (3.0) or add {@code "null"} to its type (3.1), and one forgotten
 * mark answers a valid request 422. A property given by {@code $ref} alone is left as it is.
 *
 * <p>A request body marked {@code x-validated-by: handler} is left out too (the streamed spreadsheet uploads:
 * the pipeline never reads their body, so the validator must not wait for it).
 *
 * <p>One difference is ours: a parameter marked {@code x-validated-by: handler} is left out of the contract (a path
 * parameter stays, as any text, because the path needs it). It is documented for readers, but its handler checks
 * it, naming it as the handler's other messages do and knowing rules a schema cannot say (the audit query's times,
 * for one, may omit the offset).
 *
 * <p>The served document is still checked against the OpenAPI meta-schema as a whole, so a plugin whose document is
 * broken anywhere (responses included) fails to start with a message that says where.
 */
final class ValidationContract {

  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
      "trace");
  /** The extension that hands a parameter's checks to its handler, and its one value. */
  static final String VALIDATED_BY = "x-validated-by";
  static final String HANDLER = "handler";
  private static final Pattern UNEVALUATED = Pattern.compile("^Property \"(.*)\" does not match unevaluated.*");

  private ValidationContract() {
  }

  /**
   * Checks the merged document and builds the contract. Asynchronous: vertx-openapi reads its meta-schemas and
   * resolves references without blocking (about 15-35 ms of event-loop time for the core document).
   *
   * @return fails with an {@link IllegalArgumentException} whose message says what is wrong and where
   */
  static Future<OpenAPIContract> build(Vertx vertx, JsonObject merged) {
    OpenAPIVersion version;
    try {
      version = OpenAPIVersion.fromContract(merged);
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalArgumentException(e.getMessage(), e));
    }
    return version.getRepository(vertx, "app:///")
        .compose(repository -> version.validateContract(vertx, repository, merged))
        .compose(result -> Boolean.TRUE.equals(result.getValid()) ? Future.succeededFuture()
            : Future.failedFuture(new IllegalArgumentException("not a valid OpenAPI document: " + describe(result))))
        .compose(valid -> OpenAPIContract.from(vertx, forValidation(merged)))
        .recover(e -> Future.failedFuture(e instanceof IllegalArgumentException ? e
            : new IllegalArgumentException(describe(e), e)));
  }

  /** A copy of the merged document that vertx-openapi accepts; see the class comment for what changes and why. */
  static JsonObject forValidation(JsonObject merged) {
    JsonObject doc = merged.copy();
    doc.remove("servers");
    JsonObject components = doc.getJsonObject("components", new JsonObject());
    boolean v31 = doc.getString("openapi", "").startsWith("3.1");
    // Request schemas are usually components; responses are not validated, so changing them all is safe.
    for (Map.Entry<String, Object> schema : components.getJsonObject("schemas", new JsonObject())) {
      if (schema.getValue() instanceof JsonObject s) {
        optionalAcceptsNull(s, v31);
      }
    }
    for (Map.Entry<String, Object> path : doc.getJsonObject("paths", new JsonObject())) {
      JsonObject item = (JsonObject) path.getValue();
      sanitizeParameters(item, components);
      for (String method : METHODS) {
        if (item.getValue(method) instanceof JsonObject operation) {
          sanitizeParameters(operation, components);
          operation.put("responses", new JsonObject().put("default", new JsonObject().put("description", "-")));
          JsonObject body = resolve(operation.getJsonObject("requestBody"), components);
          if (body != null && HANDLER.equals(body.getValue(VALIDATED_BY))) {
            // A body its handler reads (a streamed upload): the validator must neither read nor check it.
            operation.remove("requestBody");
          } else if (body != null && !allSupported(body.getJsonObject("content", new JsonObject()))) {
            operation.remove("requestBody");
          } else if (body != null) {
            JsonObject content = body.getJsonObject("content", new JsonObject());
            for (String media : content.fieldNames()) {
              if (content.getValue(media) instanceof JsonObject m && m.getValue("schema") instanceof JsonObject schema) {
                optionalAcceptsNull(schema, v31);
              }
            }
            operation.put("requestBody", body);
          }
        }
      }
    }
    return doc;
  }

  /** Walks a schema: every property not listed in its object's {@code required} also accepts null. */
  static void optionalAcceptsNull(JsonObject schema, boolean v31) {
    if (schema.getValue("properties") instanceof JsonObject properties) {
      JsonArray required = schema.getJsonArray("required", new JsonArray());
      for (Map.Entry<String, Object> property : properties) {
        if (property.getValue() instanceof JsonObject p) {
          optionalAcceptsNull(p, v31);
          if (!required.contains(property.getKey())) {
            acceptNull(p, v31);
          }
        }
      }
    }
    if (schema.getValue("items") instanceof JsonObject items) {
      optionalAcceptsNull(items, v31);
    }
    for (String composed : List.of("allOf", "anyOf", "oneOf")) {
      if (schema.getValue(composed) instanceof JsonArray parts) {
        parts.forEach(part -> {
          if (part instanceof JsonObject o) {
            optionalAcceptsNull(o, v31);
          }
        });
      }
    }
  }

  private static void acceptNull(JsonObject property, boolean v31) {
    Object type = property.getValue("type");
    if (type == null) {
      return; // a $ref or a composition: its own schema says
    }
    if (v31) {
      if (type instanceof String t) {
        property.put("type", new JsonArray().add(t).add("null"));
      } else if (type instanceof JsonArray types && !types.contains("null")) {
        types.add("null");
      }
    } else {
      property.put("nullable", true);
    }
    if (property.getValue("enum") instanceof JsonArray values && !values.contains(null)) {
      values.addNull();
    }
  }

  private static void sanitizeParameters(JsonObject owner, JsonObject components) {
    JsonArray parameters = owner.getJsonArray("parameters");
    if (parameters == null) {
      return;
    }
    JsonArray sanitized = new JsonArray();
    for (Object p : parameters) {
      JsonObject parameter = resolve((JsonObject) p, components);
      boolean handlers = HANDLER.equals(parameter.getValue(VALIDATED_BY));
      if (handlers && !"path".equals(parameter.getValue("in"))) {
        continue;
      }
      if (handlers || parameter.containsKey("content")) {
        // Any text: vertx-openapi insists on a schema with a type ("Missing type"), even for these.
        parameter.remove("content");
        parameter.put("schema", new JsonObject().put("type", "string"));
      }
      sanitized.add(parameter);
    }
    owner.put("parameters", sanitized);
  }

  /** Inlines a reference to a component so it can be changed for this operation alone. */
  private static JsonObject resolve(JsonObject object, JsonObject components) {
    if (object == null || !(object.getValue("$ref") instanceof String ref) || !ref.startsWith("#/components/")) {
      return object;
    }
    String[] parts = ref.substring("#/components/".length()).split("/", 2);
    JsonObject kind = components.getJsonObject(parts[0]);
    JsonObject target = kind == null || parts.length < 2 ? null
        : kind.getJsonObject(parts[1].replace("~1", "/").replace("~0", "~"));
    return target == null ? object : target.copy();
  }

  private static boolean allSupported(JsonObject content) {
    return content.fieldNames().stream().allMatch(MediaType::isMediaTypeSupported);
  }

  /** The most specific problem in a meta-schema check, with where it is, e.g. {@code paths › /x › get: ...}. */
  static String describe(OutputUnit result) {
    List<OutputUnit> errors = result.getErrors() == null || result.getErrors().isEmpty() ? List.of(result)
        : result.getErrors();
    OutputUnit best = errors.stream()
        .filter(e -> e.getError() != null)
        .max(Comparator.<OutputUnit>comparingInt(e -> specific(e.getError()) ? 1 : 0)
            .thenComparingInt(e -> depth(e.getInstanceLocation())))
        .orElse(result);
    return where(best.getInstanceLocation()) + best.getError();
  }

  /** A contract-build failure in one sentence: vertx-openapi's message, or the meta-schema's most specific one. */
  static String describe(Throwable failure) {
    StringBuilder path = new StringBuilder();
    String reason = null;
    for (Throwable t = failure.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (!(t instanceof JsonSchemaValidationException) || t.getMessage() == null) {
        continue;
      }
      Matcher property = UNEVALUATED.matcher(t.getMessage());
      if (property.matches()) {
        path.append(path.length() == 0 ? "" : " › ").append(property.group(1));
      } else if (reason == null && specific(t.getMessage())) {
        reason = t.getMessage();
      }
    }
    if (reason == null) {
      return failure.getMessage();
    }
    return failure.getMessage() + " " + (path.length() == 0 ? "" : "at " + path + ": ") + reason;
  }

  /** False for the messages that only say "something below failed". */
  private static boolean specific(String message) {
    return !(message.startsWith("Property \"") || message.startsWith("A subschema had errors")
        || message.startsWith("Items did not match") || message.contains("does not match \"")
        || message.contains("subschema"));
  }

  private static int depth(String location) {
    return location == null ? 0 : location.split("/").length;
  }

  private static String where(String instanceLocation) {
    if (instanceLocation == null || instanceLocation.equals("#") || instanceLocation.isEmpty()) {
      return "";
    }
    String[] segments = instanceLocation.replaceFirst("^#?/", "").split("/");
    StringBuilder where = new StringBuilder("at ");
    for (int i = 0; i < segments.length; i++) {
      where.append(i == 0 ? "" : " › ").append(segments[i].replace("~1", "/").replace("~0", "~"));
    }
    return where.append(": ").toString();
  }
}
