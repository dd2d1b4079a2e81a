package cn.zhenxing.sdk.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * One page of a list, read from the query string: {@code ?limit=50&offset=100}. Every list route of every plugin
 * pages the same way and answers the same shape, {@code {"items": [...], "total": 1234, "limit": 50,
 * "offset": 100}}, so clients (and the dashboards) need to learn it once.
 *
 * <pre>{@code
 * Page page = Page.of(rc);
 * // ... ORDER BY id LIMIT $n OFFSET $m   with page.limit(), page.offset(); count(*) OVER () for the total
 * rc.json(page.answer(items, total));
 * }</pre>
 */
public record Page(int limit, int offset) {

  /** The page size when the client names none. */
  public static final int DEFAULT_LIMIT = 50;
  /** The largest page a client may ask for; exports are for more. */
  public static final int MAX_LIMIT = 500;

  /**
   * The page the request asks for.
   *
   * @throws Problem 422 naming {@code limit} or {@code offset} when it is not a whole number in range
   */
  public static Page of(RoutingContext rc) {
    Fields errors = Fields.of(new JsonObject());
    int limit = parse(rc.queryParams().get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT, "limit", errors);
    int offset = parse(rc.queryParams().get("offset"), 0, 0, Integer.MAX_VALUE, "offset", errors);
    errors.validate();
    return new Page(limit, offset);
  }

  /** The answer for this page: {@code items}, the {@code total} matching rows, {@code limit} and {@code offset}. */
  public JsonObject answer(JsonArray items, long total) {
    return new JsonObject().put("items", items).put("total", total).put("limit", limit).put("offset", offset);
  }

  private static int parse(String text, int fallback, int min, int max, String name, Fields errors) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.strip());
      errors.check(value >= min && value <= max, name,
          "应在 " + min + " 到 " + max + " 之间 / must be between " + min + " and " + max);
      return value;
    } catch (NumberFormatException e) {
      errors.check(false, name, "应为整数 / must be a whole number");
      return fallback;
    }
  }
}
