package cn.zhenxing.plugins.safety.web;

import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Collection;

/**
 * Filters from the query string, checked like body fields: a bad value is a 422 naming the parameter. Missing or
 * blank parameters read as null (no filter).
 */
public final class Queries {

  private final MultiMap params;
  private final Fields fields;

  private Queries(MultiMap params) {
    this.params = params;
    JsonObject values = new JsonObject();
    params.names().forEach(name -> values.put(name, params.get(name)));
    this.fields = Fields.of(values);
  }

  public static Queries of(MultiMap params) {
    return new Queries(params);
  }

  public String oneOf(String name, Collection<String> allowed) {
    return fields.oneOf(name, allowed, false);
  }

  public String text(String name, int maxLength) {
    return fields.text(name, maxLength, false);
  }

  public LocalDate date(String name) {
    return fields.date(name, false);
  }

  public Long id(String name) {
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long id = Long.parseLong(value.strip());
      fields.check(id > 0, name, "应为正整数 / must be a positive whole number");
      return id;
    } catch (NumberFormatException e) {
      fields.check(false, name, "应为正整数 / must be a positive whole number");
      return null;
    }
  }

  public Boolean bool(String name) {
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    fields.check(value.equals("true") || value.equals("false"), name, "应为 true 或 false / must be true or false");
    return Boolean.valueOf(value);
  }

  /** A county code for city-wide lists: six digits. */
  public String county(String name) {
    String value = fields.text(name, 6, false);
    fields.check(value == null || value.matches("\\d{6}"), name, "应为六位县区代码 / must be a six-digit county code");
    return value;
  }

  /** @throws Problem 422 naming every bad parameter */
  public Queries validate() {
    fields.validate();
    return this;
  }
}
