package cn.zhenxing.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpHeaders;

/** An HTTP answer as a test sees it. */
public record TestResponse(int status, HttpHeaders headers, String body) {

  public JsonObject json() {
    return new JsonObject(body);
  }

  public JsonArray jsonArray() {
    return new JsonArray(body);
  }

  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  public String contentType() {
    return header("Content-Type");
  }

  @Override
  public String toString() {
    return status + " " + body;
  }
}
