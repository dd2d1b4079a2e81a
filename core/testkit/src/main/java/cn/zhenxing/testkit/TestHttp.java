package cn.zhenxing.testkit;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain HTTP client for end-to-end tests: real requests over the loopback to a running server. */
public final class TestHttp {

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final Map<String, String> headers;

  public TestHttp(String baseUrl) {
    this(baseUrl, Map.of());
  }

  private TestHttp(String baseUrl, Map<String, String> headers) {
    this.baseUrl = baseUrl;
    this.headers = headers;
  }

  /** The same client, sending one more header on every request (e.g. {@code Authorization}). */
  public TestHttp withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new TestHttp(baseUrl, copy);
  }

  public TestResponse get(String path) {
    return send("GET", path, null);
  }

  public TestResponse delete(String path) {
    return send("DELETE", path, null);
  }

  public TestResponse post(String path, Object json) {
    return send("POST", path, json == null ? null : json.toString());
  }

  public TestResponse put(String path, Object json) {
    return send("PUT", path, json == null ? null : json.toString());
  }

  /** Sends a request with a raw body (sent as {@code application/json}). */
  public TestResponse send(String method, String path, String body) {
    HttpRequest.Builder request = request(path, Duration.ofSeconds(60)).method(method, body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return asText(exchange(request, HttpResponse.BodyHandlers.ofString()));
  }

  /** Sends raw bytes as the request body with the given content type (e.g. a spreadsheet upload). */
  public TestResponse upload(String method, String path, String contentType, byte[] body) {
    return asText(exchange(request(path, Duration.ofSeconds(60)).header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body)), HttpResponse.BodyHandlers.ofString()));
  }

  /** Streams a file as the request body (large uploads without holding them in memory). */
  public TestResponse upload(String method, String path, String contentType, java.nio.file.Path file) {
    try {
      return asText(exchange(request(path, Duration.ofMinutes(10)).header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofFile(file)), HttpResponse.BodyHandlers.ofString()));
    } catch (java.io.FileNotFoundException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Imports a spreadsheet through a sheet register and waits for the job to end: uploads {@code body} to
   * {@code <register>/imports<query>} ({@code query} is {@code ""} or {@code "?dryRun=true"}), then polls the job until
   * it is no longer running. Answers the job as the last poll read it (state, counts, errors).
   */
  public JsonObject importSheet(String register, String query, String contentType, byte[] body) {
    return awaitImport(register, accepted(upload("POST", register + "/imports" + query, contentType, body)));
  }

  /** {@link #importSheet(String, String, String, byte[])} streaming a file (large imports). */
  public JsonObject importSheet(String register, String query, String contentType, java.nio.file.Path file) {
    return awaitImport(register, accepted(upload("POST", register + "/imports" + query, contentType, file)));
  }

  /** Polls {@code <register>/imports/<id>} (up to 90 s) until the job is no longer running, and answers it. */
  public JsonObject awaitImport(String register, String id) {
    TestResponse last = Eventually.poll(Duration.ofSeconds(90), "import " + id + " to finish",
        () -> get(register + "/imports/" + id),
        r -> r.status() != 200 || !"running".equals(r.json().getString("state")));
    if (last.status() != 200) {
      throw new AssertionError("import " + id + " could not be read: " + last);
    }
    return last.json();
  }

  private static String accepted(TestResponse started) {
    if (started.status() != 202) {
      throw new AssertionError("the upload was not accepted (202 expected): " + started);
    }
    return started.json().getString("id");
  }

  /** GETs a binary resource (a spreadsheet download); the answer keeps status, headers and the raw bytes. */
  public HttpResponse<byte[]> download(String path) {
    return exchange(request(path, Duration.ofSeconds(60)).GET(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A request to {@code path} with this client's headers. */
  private HttpRequest.Builder request(String path, Duration timeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
    headers.forEach(request::header);
    return request;
  }

  private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return client.send(request.build(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static TestResponse asText(HttpResponse<String> response) {
    return new TestResponse(response.statusCode(), response.headers(), response.body());
  }

  public String baseUrl() {
    return baseUrl;
  }
}
