package cn.zhenxing.server.openapi;

import io.vertx.core.file.FileSystem;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The validation contract's schema repository with the validators it hands out kept, per thread, for each schema.
 *
 * <p>Why: vertx-openapi 5.0.7 asks the repository for a new validator for every parameter of every request, and
 * each new validator copies the repository's whole lookup table (every schema of the merged document of all
 * plugins). Profiled on a GET by id, building those copies was the largest single cost of a request. A validator
 * keeps state while it validates, so each thread keeps its own; the schemas of one contract never change.
 */
final class CachingSchemaRepository implements SchemaRepository {

  private final SchemaRepository delegate;
  private final ThreadLocal<Map<JsonSchema, Validator>> validators = ThreadLocal.withInitial(IdentityHashMap::new);

  CachingSchemaRepository(SchemaRepository delegate) {
    this.delegate = delegate;
  }

  @Override
  public Validator validator(JsonSchema schema) {
    return validators.get().computeIfAbsent(schema, delegate::validator);
  }

  @Override
  public SchemaRepository dereference(JsonSchema schema) {
    delegate.dereference(schema);
    return this;
  }

  @Override
  public SchemaRepository dereference(String uri, JsonSchema schema) {
    delegate.dereference(uri, schema);
    return this;
  }

  @Override
  public SchemaRepository preloadMetaSchema(FileSystem fs) {
    delegate.preloadMetaSchema(fs);
    return this;
  }

  @Override
  public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
    delegate.preloadMetaSchema(fs, draft);
    return this;
  }

  @Override
  public Validator validator(String ref) {
    return delegate.validator(ref);
  }

  @Override
  public Validator validator(String ref, JsonSchemaOptions options) {
    return delegate.validator(ref, options);
  }

  @Override
  public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
    return delegate.validator(schema, options, dereference);
  }

  @Override
  public JsonObject resolve(JsonObject schema) {
    return delegate.resolve(schema);
  }

  @Override
  public JsonSchema find(String pointer) {
    return delegate.find(pointer);
  }
}
