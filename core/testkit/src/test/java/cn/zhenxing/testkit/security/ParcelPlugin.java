package cn.zhenxing.testkit.security;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import cn.zhenxing.sdk.http.Requests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny in-process plugin for the security tests, keeping its data in memory:
 * <ul>
 *   <li>{@code GET/POST /api/v1/parcel/counties/:county/items}: a county's items;</li>
 *   <li>{@code GET /api/v1/parcel/counties/:county/secret}: needs the declared permission {@link #REVEAL};</li>
 *   <li>{@code GET /api/v1/parcel/overview}: a city-wide route.</li>
 * </ul>
 */
public final class ParcelPlugin implements ZhenxingPlugin {

  public static final String ID = "parcel";
  public static final String REVEAL = "parcel.item.reveal";

  private final Map<String, List<String>> items = new ConcurrentHashMap<>();

  @Override
  public void register(PluginContext context) {
    String reveal = context.permissions().declare("item.reveal", "查看机密 / Reveal secrets");
    context.http().county().get("/items").handler(rc -> json(rc, 200, new JsonObject()
        .put("county", Requests.county(rc).code())
        .put("items", new JsonArray(items.getOrDefault(Requests.county(rc).code(), List.of())))));
    context.http().county().post("/items").handler(rc -> {
      String name = Requests.jsonBody(rc).getString("name", "item");
      items.computeIfAbsent(Requests.county(rc).code(), c -> new CopyOnWriteArrayList<>()).add(name);
      json(rc, 201, new JsonObject().put("name", name));
    });
    context.http().county().get("/secret").handler(context.permissions().require(reveal))
        .handler(rc -> json(rc, 200, new JsonObject().put("secret", "42")));
    context.http().city().get("/overview").handler(rc -> json(rc, 200, new JsonObject()
        .put("counties", items.size())));
  }

  private static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
