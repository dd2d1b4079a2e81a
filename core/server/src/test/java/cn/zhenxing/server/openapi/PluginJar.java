package cn.zhenxing.server.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Stands in for a plugin's class loader: resources written to a directory, nothing else on its class path. */
final class PluginJar {

  /** A plugin's document as a plugin author would write it: relative paths, its own schema names, OpenAPI 3.0. */
  static final String GREETINGS = """
      openapi: 3.0.3
      info:
        title: 问候 / Greetings
        version: 1.0.0
      paths:
        /counties/{county}/greetings:
          parameters:
            - name: county
              in: path
              required: true
              schema: {type: string, pattern: "^[0-9]{6}$"}
          get:
            operationId: listGreetings
            responses:
              "200":
                description: 问候 / Greetings
                content:
                  application/json:
                    schema:
                      type: array
                      items: {$ref: "#/components/schemas/Greeting"}
          post:
            requestBody:
              required: true
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/NewGreeting"}
            responses:
              "201": {description: 已创建 / Created}
              "422":
                description: 校验失败 / Invalid
                content:
                  application/problem+json:
                    schema: {type: object}
        /export:
          get:
            operationId: export
            responses:
              "200":
                description: CSV
                content:
                  text/csv:
                    schema: {type: string}
      components:
        schemas:
          Greeting:
            type: object
            properties:
              text: {type: string}
              mood: {type: string, nullable: true}
          NewGreeting:
            type: object
            required: [text]
            properties:
              text: {type: string, minLength: 1}
              recipients:
                type: array
                items:
                  type: object
                  properties:
                    name: {type: string}
      """;

  private PluginJar() {
  }

  /** A class loader that holds exactly {@code resources} (name to content). */
  static ClassLoader with(Path dir, Map<String, String> resources) {
    try {
      for (Map.Entry<String, String> resource : resources.entrySet()) {
        Path file = dir.resolve(resource.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, resource.getValue(), StandardCharsets.UTF_8);
      }
      return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
