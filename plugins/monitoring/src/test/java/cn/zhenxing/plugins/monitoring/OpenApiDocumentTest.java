package cn.zhenxing.plugins.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plugin's OpenAPI document on its own is a valid contract with an operation per route, read the way the host
 * reads it (YAML through Jackson, then the contract build), so a mistake shows here with its reason rather than as a
 * plugin that fails to start.
 */
class OpenApiDocumentTest {

  @Test
  @SuppressWarnings("unchecked")
  void theDocumentIsAValidContractWithEveryRoute() throws Exception {
    Map<String, Object> yaml;
    try (InputStream in = getClass().getResourceAsStream("/openapi/monitoring.yaml")) {
      yaml = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
    }
    Vertx vertx = Vertx.vertx();
    try {
      OpenAPIContract contract = OpenAPIContract.from(vertx, new JsonObject(yaml).copy())
          .toCompletionStage().toCompletableFuture().get();
      assertEquals(65, contract.operations().size());
    } finally {
      vertx.close();
    }
  }
}
