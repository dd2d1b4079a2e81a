package cn.zhenxing.testplugins.greeter;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.job.JobSpec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.pf4j.Extension;

/**
 * The greeter test plugin: a small, well-behaved plugin that uses every part of the SDK, so that the core's
 * end-to-end tests can watch a real plugin jar go through the whole lifecycle.
 *
 * <ul>
 *   <li>migration {@code db/greeter/V1__greetings.sql} (tables {@code greeter.greeting}, {@code greeter.tally});</li>
 *   <li>seed data: one city-wide welcome, inserted only if it is missing;</li>
 *   <li>{@code GET|POST /api/v1/greeter/counties/{county}/greetings} and {@code GET /api/v1/greeter/summary};</li>
 *   <li>OpenAPI document {@code openapi/greeter.yaml};</li>
 *   <li>metric {@code zx_greeter_greetings{county}}: greetings stored per county;</li>
 *   <li>job {@code tally} every second, one row in {@code greeter.tally} per run and county;</li>
 *   <li>configuration {@code plugins.greeter.greeting} (default {@value #DEFAULT_GREETING}).</li>
 * </ul>
 */
@Extension
public final class GreeterPlugin implements ZhenxingPlugin {

  /** The seed data's city-wide welcome. */
  public static final String WELCOME = "欢迎使用振兴平台 / Welcome to Zhenxing";
  static final String DEFAULT_GREETING = "你好";

  private PluginContext context;
  private String greeting;

  @Override
  public void register(PluginContext context) {
    this.context = context;
    this.greeting = context.config().getString("greeting", DEFAULT_GREETING);

    context.http().openApi("openapi/greeter.yaml");
    Router county = context.http().county();
    county.get("/greetings").handler(this::list);
    county.post("/greetings").handler(this::create);
    context.http().city().get("/summary").handler(this::summary);

    context.seedData(conn -> conn
        .preparedQuery("INSERT INTO greeter.greeting (county, text, created_at) SELECT NULL, $1::text, $2 "
            + "WHERE NOT EXISTS (SELECT 1 FROM greeter.greeting WHERE county IS NULL AND text = $1::text)")
        .execute(Tuple.of(WELCOME, now()))
        .mapEmpty());

    context.metrics().countyGauge("greetings", "Greetings stored per county", this::countByCounty);

    context.jobs().schedule(JobSpec.every("tally", Duration.ofSeconds(1)).timeout(Duration.ofSeconds(10))
            .description("Writes one row per run into greeter.tally"),
        run -> run.connection()
            .preparedQuery("INSERT INTO greeter.tally (tick, county) VALUES ($1, $2)")
            .execute(Tuple.of(run.scheduledAt().atOffset(ZoneOffset.UTC),
                run.county().map(County::code).orElse(null)))
            .mapEmpty());
  }

  private void list(RoutingContext rc) {
    County county = Requests.county(rc);
    context.pool()
        .preparedQuery("SELECT id, county, text, created_at FROM greeter.greeting WHERE county = $1 ORDER BY id")
        .execute(Tuple.of(county.code()))
        .onSuccess(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(row -> items.add(toJson(row)));
          json(rc, 200, new JsonObject().put("county", county.code()).put("items", items));
        })
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    County county = Requests.county(rc);
    JsonObject body = Requests.jsonBody(rc);
    if (!(body.getValue("text") instanceof String text) || text.isBlank()) {
      throw Problem.invalid("text", "问候语不能为空 / must be a non-blank string");
    }
    context.pool()
        .withTransaction(conn -> conn
            .preparedQuery("INSERT INTO greeter.greeting (county, text, created_at) VALUES ($1, $2, $3) "
                + "RETURNING id, county, text, created_at")
            .execute(Tuple.of(county.code(), text.strip(), now())))
        .onSuccess(rows -> json(rc, 201, toJson(rows.iterator().next())))
        .onFailure(rc::fail);
  }

  private void summary(RoutingContext rc) {
    countByCounty()
        .onSuccess(counts -> {
          JsonObject counties = new JsonObject();
          long total = 0;
          for (Map.Entry<String, ? extends Number> e : counts.entrySet()) {
            counties.put(e.getKey(), e.getValue().longValue());
            total += e.getValue().longValue();
          }
          json(rc, 200, new JsonObject().put("greeting", greeting).put("total", total).put("counties", counties));
        })
        .onFailure(rc::fail);
  }

  /** Greetings per county code (the city-wide welcome belongs to no county). */
  private Future<Map<String, ? extends Number>> countByCounty() {
    return context.pool()
        .query("SELECT county, count(*) AS n FROM greeter.greeting WHERE county IS NOT NULL GROUP BY county")
        .execute()
        .map(rows -> {
          Map<String, Long> counts = new TreeMap<>();
          rows.forEach(row -> counts.put(row.getString("county"), row.getLong("n")));
          return counts;
        });
  }

  private OffsetDateTime now() {
    return context.clock().instant().atOffset(ZoneOffset.UTC);
  }

  private static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("county", row.getString("county"))
        .put("text", row.getString("text"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
  }

  private static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }
}
