package cn.zhenxing.server.openapi;

import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.server.sheet.SheetService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The OpenAPI paths of the spreadsheet routes the core adds to every plugin that declares registers
 * ({@link SheetService#mount}), generated per register and added to the plugin's own document before it is merged
 * (so they get the plugin's prefix, tag and operation-id prefix like its own paths). A path the plugin documents
 * itself is left as the plugin wrote it.
 *
 * <p>The upload ({@code POST .../imports}) streams its raw body to a file; the pipeline's body handler never reads
 * it. Its request body is therefore marked {@code x-validated-by: handler}, and {@link ValidationContract} leaves it
 * out of the contract: the validator checks the parameters only, and never waits for or reads the body.
 */
final class SheetPaths {

  private static final String XLSX = SheetService.XLSX;
  private static final String JSON = "application/json";

  private SheetPaths() {
  }

  /** A document for a plugin that declares registers but has no OpenAPI document of its own. */
  static JsonObject emptyDocument(String pluginId) {
    return new JsonObject().put("openapi", "3.1.0")
        .put("info", new JsonObject().put("title", pluginId).put("version", "-"))
        .put("paths", new JsonObject());
  }

  /** Adds the sheet paths of these registers to a plugin document (changed in place). */
  static void addTo(JsonObject document, List<SheetService.Registration> registers) {
    JsonObject paths = document.getJsonObject("paths");
    if (paths == null) {
      paths = new JsonObject();
      document.put("paths", paths);
    }
    for (SheetService.Registration registration : registers) {
      SheetSpec spec = registration.spec();
      String base = "/counties/{county}/sheets/" + spec.name();
      String id = "sheet" + Character.toUpperCase(spec.name().charAt(0)) + spec.name().substring(1)
          .replaceAll("[^A-Za-z0-9]", "_");
      String title = spec.title();
      put(paths, base + "/template", new JsonObject().put("get", operation(id + "Template",
              "下载「" + title + "」导入模板 / Download the import template of " + spec.name(),
              "The .xlsx template: headers, dictionary dropdowns, an example row and a notes sheet.")
          .put("parameters", new JsonArray().add(county()))
          .put("responses", new JsonObject().put("200", file(XLSX, "模板 / The template")).mergeIn(errors()))));
      put(paths, base + "/imports", new JsonObject().put("post", operation(id + "Import",
              "导入「" + title + "」/ Import " + spec.name(),
              "Send the file as the raw request body (CSV in UTF-8, UTF-8 with BOM or GB18030, or .xlsx). The import "
                  + "runs as a job: 202 with the job and its Location. All rows or none are written; dryRun only "
                  + "validates.")
          .put("parameters", new JsonArray().add(county())
              .add(query("dryRun", new JsonObject().put("type", "boolean"), "只校验不写入 / Validate only"))
              .add(query("fileName", new JsonObject().put("type", "string").put("maxLength", 1000),
                  "原文件名（可选，仅作记录）/ The original file name, recorded with the job")))
          .put("requestBody", new JsonObject().put("required", true)
              .put(ValidationContract.VALIDATED_BY, ValidationContract.HANDLER)
              .put("description", "文件本身（流式读取）/ The file itself, streamed; checked by the handler")
              .put("content", new JsonObject()
                  .put("text/csv", binary())
                  .put(XLSX, binary())))
          .put("responses", new JsonObject()
              .put("202", json("任务已开始 / The job started", jobSchema()))
              .put("413", problem("文件过大 / File too large"))
              .put("415", problem("不支持的文件类型 / Unsupported media type"))
              .mergeIn(errors()))));
      put(paths, base + "/imports/{job}", new JsonObject()
          .put("get", operation(id + "ImportJob", "查询导入任务 / Read an import job",
                  "Progress and result, from any server process; a job of a stopped process reads as failed.")
              .put("parameters", new JsonArray().add(county()).add(job()))
              .put("responses", new JsonObject().put("200", json("导入任务 / The job", jobSchema()))
                  .mergeIn(errors())))
          .put("delete", operation(id + "CancelImport", "取消导入任务 / Cancel an import job",
                  "Asks the job to stop before its merge; nothing is written. 409 once merging or finished.")
              .put("parameters", new JsonArray().add(county()).add(job()))
              .put("responses", new JsonObject().put("202", json("已请求取消 / Cancel requested", jobSchema()))
                  .put("409", problem("已结束或正在写入 / Finished or merging")).mergeIn(errors()))));
      put(paths, base + "/imports/{job}/errors.xlsx", new JsonObject().put("get", operation(id + "ImportErrors",
              "下载错误行报告 / Download the rejected rows",
              "The rejected rows (the first 10,000) as read, with a row-number and an error column.")
          .put("parameters", new JsonArray().add(county()).add(job()))
          .put("responses", new JsonObject().put("200", file(XLSX, "错误行 / The rejected rows"))
              .put("409", problem("任务仍在进行 / The job is still running")).mergeIn(errors()))));
      if (registration.export() != null) {
        put(paths, base + "/export", new JsonObject().put("get", operation(id + "Export",
                "导出「" + title + "」/ Export " + spec.name(),
                "Streams the register (filtered by the plugin's query parameters) as .xlsx or CSV; personal data "
                    + "masked unless reveal=true with a reason and the register's reveal permission.")
            .put("parameters", new JsonArray().add(county())
                .add(query("format", new JsonObject().put("type", "string"), "xlsx（默认）或 csv / xlsx (default) or csv")
                    .put(ValidationContract.VALIDATED_BY, ValidationContract.HANDLER))
                .add(query("reveal", new JsonObject().put("type", "string"), "导出完整个人信息 / Export in clear")
                    .put(ValidationContract.VALIDATED_BY, ValidationContract.HANDLER))
                .add(query("reason", new JsonObject().put("type", "string"), "查看理由 / Why (with reveal)")
                    .put(ValidationContract.VALIDATED_BY, ValidationContract.HANDLER)))
            .put("responses", new JsonObject().put("200", new JsonObject()
                    .put("description", "导出文件 / The file")
                    .put("content", new JsonObject().put(XLSX, binary()).put("text/csv", binary())))
                .mergeIn(errors()))));
      }
    }
  }

  private static void put(JsonObject paths, String path, JsonObject item) {
    if (!paths.containsKey(path)) {
      paths.put(path, item);
    }
  }

  private static JsonObject operation(String id, String summary, String description) {
    return new JsonObject().put("operationId", id).put("summary", summary).put("description", description);
  }

  private static JsonObject county() {
    return new JsonObject().put("name", "county").put("in", "path").put("required", true)
        .put("description", "县区代码 / County code").put("schema", new JsonObject().put("type", "string"));
  }

  private static JsonObject job() {
    return new JsonObject().put("name", "job").put("in", "path").put("required", true)
        .put("description", "导入任务编号 / Import job id").put("schema", new JsonObject().put("type", "string"));
  }

  private static JsonObject query(String name, JsonObject schema, String description) {
    return new JsonObject().put("name", name).put("in", "query").put("required", false)
        .put("description", description).put("schema", schema);
  }

  private static JsonObject binary() {
    return new JsonObject().put("schema", new JsonObject().put("type", "string").put("format", "binary"));
  }

  private static JsonObject file(String mediaType, String description) {
    return new JsonObject().put("description", description)
        .put("content", new JsonObject().put(mediaType, binary()));
  }

  private static JsonObject json(String description, JsonObject schema) {
    return new JsonObject().put("description", description)
        .put("content", new JsonObject().put(JSON, new JsonObject().put("schema", schema)));
  }

  private static JsonObject problem(String description) {
    return new JsonObject().put("description", description).put("content", new JsonObject()
        .put("application/problem+json", new JsonObject().put("schema", new JsonObject().put("type", "object"))));
  }

  private static JsonObject errors() {
    return new JsonObject().put("404", problem("不存在 / Not found")).put("403", problem("无权限 / Forbidden"));
  }

  private static JsonObject jobSchema() {
    JsonObject count = new JsonObject().put("type", "integer");
    return new JsonObject().put("type", "object").put("properties", new JsonObject()
        .put("id", new JsonObject().put("type", "string"))
        .put("register", new JsonObject().put("type", "string"))
        .put("county", new JsonObject().put("type", "string"))
        .put("dryRun", new JsonObject().put("type", "boolean"))
        .put("state", new JsonObject().put("type", "string").put("enum", new JsonArray()
            .add("running").add("validated").add("rejected").add("imported").add("cancelled").add("failed")))
        .put("phase", new JsonObject().put("type", "string"))
        .put("cancelRequested", new JsonObject().put("type", "boolean"))
        .put("rowsRead", count).put("rowsValid", count).put("rowsRejected", count).put("rowsMerged", count)
        .put("errorCount", count)
        .put("errors", new JsonObject().put("type", "array").put("items", new JsonObject().put("type", "object")
            .put("properties", new JsonObject().put("row", count)
                .put("column", new JsonObject().put("type", new JsonArray().add("string").add("null")))
                .put("key", new JsonObject().put("type", new JsonArray().add("string").add("null")))
                .put("reason", new JsonObject().put("type", "string")))))
        .put("message", new JsonObject().put("type", new JsonArray().add("string").add("null")))
        .put("createdAt", new JsonObject().put("type", "string"))
        .put("finishedAt", new JsonObject().put("type", new JsonArray().add("string").add("null"))));
  }
}
