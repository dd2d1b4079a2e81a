package cn.zhenxing.server.sheet;

import cn.zhenxing.sdk.audit.AuditLog;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.county.CountyRegistry;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.sheet.SheetExport;
import cn.zhenxing.server.personal.PersonalDataService;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import cn.zhenxing.sdk.sheet.SheetMerge;
import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.server.http.HttpPipeline;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's spreadsheet facility: for every register a plugin declares, the template, import and import-job routes
 * on the plugin's county router (so the county and access guards run first), the import jobs of this process and
 * the worker threads they run on.
 *
 * <p>Uploads are the raw request body ({@code text/csv} or the xlsx type), streamed to a file under
 * {@code <dataDir>/sheets} (the pipeline's body handler and its {@code http.bodyLimit} skip these routes; their
 * limit is {@link #maxUploadBytes}). Parsing, validation and COPY run on a dedicated worker pool, never on an event
 * loop. Jobs are rows of {@code core.sheet_import} ({@link ImportStore}): the running process ticks their progress
 * into it about once a second and reads back a cancel asked for through any process; every read (the job, its
 * error report) answers from the database, so any server process on it can serve the poll.
 */
public final class SheetService {

  private static final Logger LOG = LoggerFactory.getLogger(SheetService.class);
  /** The xlsx media type. */
  public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  /** POST .../counties/:county/sheets/:register/imports: streamed uploads, not read by the body handler. */
  private static final Pattern UPLOAD = Pattern.compile(Pattern.quote(HttpPipeline.API)
      + "/[^/]+/counties/[^/]+/sheets/[^/]+/imports/?");
  /** Files of the work directory untouched for this long are left-overs (the directory may be shared). */
  private static final Duration KEEP_FILES = Duration.ofDays(1);
  private static final long TICK_MS = 1000;

  /** One register a plugin declared. */
  public record Registration(SheetSpec spec, SheetMerge merge, SheetExport export) {

    public Registration(SheetSpec spec, SheetMerge merge) {
      this(spec, merge, null);
    }
  }

  /** Query parameters of the export route that are the core's, not the plugin's filters. */
  private static final java.util.Set<String> EXPORT_PARAMETERS = java.util.Set.of("format", "reveal", "reason");

  private final Vertx vertx;
  private final DataSource dataSource;
  private final Pool pool;
  private final Clock clock;
  private final CountyRegistry counties;
  private final PersonalDataService personalData;
  private final Path workDir;
  private final long maxUploadBytes;
  private final WorkerExecutor workers;
  /** Validates, seals and encodes imported rows in parallel batches (see {@link RowBatch}). */
  private final WorkerExecutor validators;
  private final ImportStore store;
  /** The jobs this process is running (until their end is written to the database). */
  private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();
  /** The progress timer, while this process runs jobs; touched on the event loop only. */
  private long ticker = -1;
  /** Touched on the event loop only. */
  private Future<Void> prepared;

  public SheetService(Vertx vertx, DataSource dataSource, Pool pool, Clock clock, CountyRegistry counties,
      PersonalDataService personalData, Path dataDir, long maxUploadBytes, int workerThreads, String instanceId) {
    this.vertx = vertx;
    this.dataSource = dataSource;
    this.pool = pool;
    this.clock = clock;
    this.counties = counties;
    this.personalData = personalData;
    this.workDir = dataDir.resolve("sheets");
    this.maxUploadBytes = maxUploadBytes;
    this.workers = vertx.createSharedWorkerExecutor("zx-sheets", workerThreads, 6, TimeUnit.HOURS);
    this.validators = vertx.createSharedWorkerExecutor("zx-sheet-validate",
        Math.max(2, Runtime.getRuntime().availableProcessors()));
    this.store = new ImportStore(pool, dataSource, instanceId);
  }

  /** The core job that fails imports of stopped processes and drops their left-over staging tables. */
  public ImportSweep sweep() {
    return new ImportSweep();
  }

  /** Whether the pipeline must leave this request's body unread, for the import route to stream it. */
  public static boolean isUpload(HttpServerRequest request) {
    return request.method() == HttpMethod.POST && UPLOAD.matcher(request.path()).matches();
  }

  /**
   * Creates the work directory and, the first time, deletes what earlier runs left in it: only files untouched for a
   * day, because other server processes may share the data directory.
   */
  private Future<Void> prepare() {
    if (prepared != null) {
      return prepared;
    }
    prepared = workers.executeBlocking(() -> {
      Files.createDirectories(workDir);
      try (var files = Files.list(workDir)) {
        java.nio.file.attribute.FileTime cutoff = java.nio.file.attribute.FileTime.from(
            clock.instant().minus(KEEP_FILES));
        for (Path file : (Iterable<Path>) files::iterator) {
          try {
            if (Files.getLastModifiedTime(file).compareTo(cutoff) < 0) {
              Files.deleteIfExists(file);
            }
          } catch (IOException e) {
            LOG.debug("Could not clean {}: {}", file, e.getMessage());
          }
        }
      }
      return null;
    }, false);
    return prepared;
  }

  /** Adds the sheet routes of a plugin's registers to its county router (before the host mounts it). */
  public void mount(Router countyRouter, String pluginId, String schema, AuditLog audit,
      List<Registration> registrations) {
    for (Registration registration : registrations) {
      String base = "/sheets/" + registration.spec().name();
      countyRouter.get(base + "/template").handler(rc -> template(rc, registration.spec()));
      countyRouter.post(base + "/imports").handler(rc -> upload(rc, pluginId, schema, audit, registration));
      countyRouter.get(base + "/imports/:job").handler(rc -> job(rc, pluginId, registration)
          .onFailure(rc::fail)
          .onSuccess(job -> rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
              .putHeader("Cache-Control", "no-store")
              .end(job.encode())));
      countyRouter.delete(base + "/imports/:job").handler(rc -> cancel(rc, pluginId, registration));
      countyRouter.get(base + "/imports/:job/errors.xlsx").handler(rc -> errors(rc, pluginId, registration));
      if (registration.export() != null) {
        countyRouter.get(base + "/export").handler(rc -> export(rc, audit, registration));
      }
    }
  }

  private void template(RoutingContext rc, SheetSpec spec) {
    workers.executeBlocking(() -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      TemplateWriter.write(spec, out);
      return Buffer.buffer(out.toByteArray());
    }, false).onSuccess(xlsx -> rc.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, XLSX)
        .putHeader("Content-Disposition", attachment(spec.title() + "-导入模板.xlsx"))
        .end(xlsx)).onFailure(rc::fail);
  }

  private void upload(RoutingContext rc, String pluginId, String schema, AuditLog audit, Registration reg) {
    HttpServerRequest request = rc.request();
    County county = Requests.county(rc);
    RowSource.Kind kind = kind(request.getHeader(HttpHeaders.CONTENT_TYPE));
    if (kind == null) {
      rc.fail(new Problem(415, "/problems/unsupported-media-type", "不支持的文件类型 / Unsupported media type",
          "请上传 .xlsx 或 CSV 文件（Content-Type: text/csv 或 " + XLSX + "）/ Send the file as the request body "
              + "with Content-Type text/csv or " + XLSX));
      return;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && length.matches("\\d{1,19}") && Long.parseLong(length) > maxUploadBytes) {
      rc.fail(tooLarge());
      return;
    }
    boolean dryRun = "true".equalsIgnoreCase(rc.queryParams().get("dryRun"));
    String id = UUID.randomUUID().toString().replace("-", "");
    String fileName = rc.queryParams().get("fileName");
    if (fileName != null && fileName.length() > 255) {
      fileName = fileName.substring(0, 255);
    }
    String fileNameKept = fileName;
    Long userId = rc.get(Requests.PRINCIPAL_KEY) == null ? null : Requests.principal(rc).userId();
    Path file = workDir.resolve("upload-" + id);
    Path errors = workDir.resolve("errors-" + id + ".jsonl");
    long[] received = {0};
    boolean[] refused = {false};
    prepare().compose(v -> vertx.fileSystem().open(file.toString(),
            new OpenOptions().setCreateNew(true).setWrite(true)))
        .onFailure(rc::fail)
        .onSuccess(out -> {
          request.handler(chunk -> {
            if (refused[0]) {
              return;
            }
            received[0] += chunk.length();
            if (received[0] > maxUploadBytes) {
              refused[0] = true;
              out.close().onComplete(x -> vertx.fileSystem().delete(file.toString()));
              rc.fail(tooLarge());
              return;
            }
            out.write(chunk);
            if (out.writeQueueFull()) {
              request.pause();
              out.drainHandler(v -> request.resume());
            }
          });
          request.exceptionHandler(e -> {
            refused[0] = true;
            out.close().onComplete(x -> vertx.fileSystem().delete(file.toString()));
          });
          request.endHandler(v -> {
            if (refused[0]) {
              return;
            }
            out.close().onFailure(rc::fail).onSuccess(x -> {
              if (received[0] == 0) {
                vertx.fileSystem().delete(file.toString());
                rc.fail(Problem.badRequest("请求体为空，请上传文件 / The request body is empty: send the file"));
                return;
              }
              ImportJob job = new ImportJob(id, pluginId, reg.spec().name(), county.code(), dryRun, clock.instant(),
                  file, errors);
              job.mergeGate(() -> store.beginMergeBlocking(id));
              ImportRun run = new ImportRun(job, reg.spec(), reg.merge(), schema, county, counties, personalData,
                  dataSource, pool, audit, rc, clock, kind, validators);
              store.insert(job, userId, fileNameKept, kind == RowSource.Kind.CSV ? "csv" : "xlsx")
                  .onFailure(e -> {
                    vertx.fileSystem().delete(file.toString()).otherwiseEmpty();
                    rc.fail(e);
                  })
                  .onSuccess(inserted -> {
                    jobs.put(id, job);
                    startTicking();
                    workers.executeBlocking(() -> {
                      try {
                        run.run();
                      } finally {
                        persistEnd(job);
                      }
                      return null;
                    }, false).onComplete(done -> jobs.remove(id));
                    rc.response().setStatusCode(202)
                        .putHeader(HttpHeaders.LOCATION, request.path().replaceAll("/$", "") + "/" + id)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                        .end(job.toJson().put("fileName", fileNameKept).encode());
                  });
            });
          });
          if (request.isEnded()) {
            out.close();
            vertx.fileSystem().delete(file.toString());
            rc.fail(Problem.badRequest("请求体为空，请上传文件 / The request body is empty: send the file"));
          } else {
            request.resume();
          }
        });
  }

  private Problem tooLarge() {
    return new Problem(413, "/problems/payload-too-large", "文件过大 / File too large",
        "文件超过 " + (maxUploadBytes / (1024 * 1024)) + " MB 上限，请拆分后导入 / The file exceeds the limit of "
            + maxUploadBytes + " bytes; split it");
  }

  static RowSource.Kind kind(String contentType) {
    if (contentType == null) {
      return null;
    }
    String type = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "text/csv", "application/csv", "text/comma-separated-values", "application/vnd.ms-excel" ->
          RowSource.Kind.CSV;
      case XLSX, "application/octet-stream" -> RowSource.Kind.XLSX;
      default -> null;
    };
  }

  /** Writes a job's end (its error rows first) on the worker that ran it; then its local files go. */
  private void persistEnd(ImportJob job) {
    if (job.state() == ImportJob.State.RUNNING) { // ImportRun never throws; should it, the job still ends
      job.finish(ImportJob.State.FAILED, "导入失败，未写入任何数据 / The import failed; nothing was written", 0,
          clock.instant());
    }
    try {
      store.finishBlocking(job);
    } catch (Exception e) {
      // The row stays 'running' without ticks and reads as failed after ImportStore.STALE.
      LOG.error("Could not record the end ({}) of import {}", job.state().label(), job.id, e);
    }
    try {
      Files.deleteIfExists(job.errorFile);
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", job.errorFile, e.getMessage());
    }
  }

  /** Ticks the progress of this process's running jobs into the database every second, while there are any. */
  private void startTicking() {
    if (ticker >= 0) {
      return;
    }
    ticker = vertx.setPeriodic(TICK_MS, t -> {
      if (jobs.isEmpty()) {
        vertx.cancelTimer(ticker);
        ticker = -1;
        return;
      }
      for (ImportJob job : jobs.values()) {
        if (job.state() != ImportJob.State.RUNNING) {
          continue;
        }
        store.tick(job)
            .onSuccess(stop -> {
              if (stop) {
                job.cancelFromDatabase();
              }
            })
            .onFailure(e -> LOG.warn("Could not record the progress of import {}: {}", job.id, e.getMessage()));
      }
    });
  }

  private Future<JsonObject> job(RoutingContext rc, String pluginId, Registration reg) {
    return store.read(rc.pathParam("job"), pluginId, reg.spec().name(), Requests.county(rc).code())
        .compose(job -> job != null ? Future.succeededFuture(job) : Future.failedFuture(notFound()));
  }

  private static Problem notFound() {
    return Problem.notFound("导入任务不存在或已过期 / No such import job (finished jobs are kept for "
        + ImportSweep.KEEP_DAYS + " days)");
  }

  private void cancel(RoutingContext rc, String pluginId, Registration reg) {
    String id = rc.pathParam("job");
    store.requestCancel(id, pluginId, reg.spec().name(), Requests.county(rc).code())
        .compose(outcome -> switch (outcome) {
          case NOT_FOUND -> Future.failedFuture(notFound());
          case TOO_LATE -> Future.failedFuture(
              Problem.conflict("任务已结束或正在写入，不能取消 / The job has finished or is already merging"));
          case REQUESTED -> {
            ImportJob local = jobs.get(id);
            if (local != null) {
              local.cancelFromDatabase(); // here already: no need to wait for the tick
            }
            yield job(rc, pluginId, reg);
          }
        })
        .onFailure(rc::fail)
        .onSuccess(job -> rc.response().setStatusCode(202)
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
            .end(job.encode()));
  }

  /**
   * The error report, from any process: regenerated from the rejected rows stored with the job (their cells and
   * reasons, the first {@link ImportStore#REPORT_ROWS}).
   */
  private void errors(RoutingContext rc, String pluginId, Registration reg) {
    job(rc, pluginId, reg).onFailure(rc::fail).onSuccess(job -> {
      if ("running".equals(job.getString("state"))) {
        rc.fail(Problem.conflict("任务仍在进行 / The job is still running"));
        return;
      }
      String id = job.getString("id");
      Path lines = workDir.resolve("report-" + UUID.randomUUID() + ".jsonl");
      Path report = workDir.resolve("report-" + UUID.randomUUID() + ".xlsx");
      prepare().compose(v -> workers.executeBlocking(() -> {
        try {
          store.writeErrorFileBlocking(id, lines);
          try (OutputStream out = Files.newOutputStream(report)) {
            ErrorReport.write(reg.spec(), lines, out);
          }
        } finally {
          Files.deleteIfExists(lines);
        }
        return null;
      }, false)).onFailure(rc::fail).onSuccess(v -> rc.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, XLSX)
          .putHeader("Content-Disposition", attachment(reg.spec().title() + "-错误行.xlsx"))
          .sendFile(report.toString())
          .onComplete(x -> vertx.fileSystem().delete(report.toString())));
    });
  }

  /**
   * {@code GET .../sheets/<register>/export}: runs the plugin's query with a cursor, writes the rows as they arrive
   * into a file under the work directory on a worker thread (bounded memory whatever the size), audits the export
   * (and a reveal, once, with the count) and then sends the file, which is deleted afterwards.
   */
  private void export(RoutingContext rc, AuditLog audit, Registration reg) {
    SheetSpec spec = reg.spec();
    County county = Requests.county(rc);
    MultiMap params = rc.queryParams();
    String format = params.get("format") == null ? "xlsx" : params.get("format").strip().toLowerCase(Locale.ROOT);
    if (!format.equals("xlsx") && !format.equals("csv")) {
      throw Problem.invalid("format", "格式须为 xlsx 或 csv / format must be xlsx or csv");
    }
    boolean revealing = "true".equalsIgnoreCase(params.get("reveal"));
    PersonalDataService.BulkReveal reveal = revealing
        ? personalData.bulkReveal(rc, spec.revealPermission().orElse(null), spec.name(), params.get("reason"))
        : null;
    MultiMap filters = MultiMap.caseInsensitiveMultiMap();
    JsonObject filterDetail = new JsonObject();
    for (String name : params.names()) {
      if (!EXPORT_PARAMETERS.contains(name)) {
        filters.add(name, params.getAll(name));
        List<String> all = params.getAll(name);
        filterDetail.put(name, all.size() == 1 ? all.get(0) : new io.vertx.core.json.JsonArray(all));
      }
    }
    SheetExport.Query query = reg.export().query(county, filters);
    if (query == null) {
      throw new IllegalStateException("The export of register " + spec.name() + " answered no query");
    }
    Path file = workDir.resolve("export-" + UUID.randomUUID() + "." + format);
    ExportWriter[] writer = {null};
    prepare()
        .compose(v -> workers.executeBlocking(() -> {
          writer[0] = ExportWriter.create(format, spec, Files.newOutputStream(file));
          return writer[0];
        }, false))
        .compose(w -> new ExportRun(workers, pool, spec, query, county, w, reveal).run())
        .compose(rows -> workers.executeBlocking(() -> {
          writer[0].finish();
          return rows;
        }, false))
        .compose(rows -> pool.withTransaction(conn -> audit.record(conn, rc, new AuditEntry("export", spec.name(),
                null, new JsonObject().put("format", format).put("rows", rows).put("filters", filterDetail)
                    .put("revealed", reveal != null)))
            .compose(v -> reveal == null ? Future.<Void>succeededFuture() : reveal.audit(conn, rows)))
            .map(rows))
        .onSuccess(rows -> rc.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, format.equals("csv") ? "text/csv; charset=utf-8" : XLSX)
            .putHeader("Content-Disposition", attachment(spec.title() + "." + format))
            .putHeader("Cache-Control", "no-store")
            .sendFile(file.toString())
            .onComplete(x -> vertx.fileSystem().delete(file.toString()).otherwiseEmpty()))
        .onFailure(e -> {
          workers.executeBlocking(() -> {
            if (writer[0] != null) {
              writer[0].close();
            }
            Files.deleteIfExists(file);
            return null;
          }, false).otherwiseEmpty();
          LOG.warn("Export of {} for county {} failed: {}", spec.name(), county.code(), e.toString());
          rc.fail(e);
        });
  }

  private static String attachment(String fileName) {
    return "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"; filename*=UTF-8''"
        + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** For tests and shutdown: waits for nothing, answers how many jobs are running. */
  public long running() {
    return jobs.values().stream().filter(j -> j.state() == ImportJob.State.RUNNING).count();
  }
}
