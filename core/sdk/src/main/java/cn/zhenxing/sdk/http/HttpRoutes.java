package cn.zhenxing.sdk.http;

import io.vertx.ext.web.Router;

/**
 * A plugin's HTTP surface. The host mounts both routers under {@code /api/v1/<plugin-id>} behind its own request
 * pipeline (request id, body limit, authentication, county scope, request validation, problem+json errors); the
 * plugin never sees the host's router.
 *
 * <pre>
 *   county().get("/households").handler(...)   →  GET /api/v1/monitoring/counties/140702/households
 *   city().get("/summary").handler(...)        →  GET /api/v1/monitoring/summary
 * </pre>
 */
public interface HttpRoutes {

  /**
   * Routes about one county's data, mounted at {@code /api/v1/<plugin-id>/counties/:county}. Before any handler here
   * runs, the host has checked that the county exists (else 404) and enables this plugin (else 403); read it with
   * {@link Requests#county(io.vertx.ext.web.RoutingContext)}.
   */
  Router county();

  /** City-wide routes (summaries across counties), mounted at {@code /api/v1/<plugin-id>}. */
  Router city();

  /**
   * The plugin's OpenAPI 3 document (YAML or JSON), a resource inside the plugin jar. Paths in it are relative to
   * {@code /api/v1/<plugin-id>}, e.g. {@code /counties/{county}/households}. The host merges it into
   * {@code /api/v1/openapi.json} and validates requests to the plugin against it.
   */
  void openApi(String classpathResource);

  /**
   * Names the request field and reason to answer when a request breaks one of the plugin's constraints, e.g.
   * {@code constraint("labourer_id_index_key", "idNumber", "该身份证号已登记 / This ID number is already registered")}:
   * a unique, exclusion or foreign-key violation then answers 409, a check or not-null violation 422, naming that
   * field, with no recover code in handlers. Undeclared constraints still answer 409/422, naming the constraint.
   */
  void constraint(String name, String field, String reason);
}
