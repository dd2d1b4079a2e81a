package cn.zhenxing.server.sheet;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One import as the process running it knows it (the database, {@link ImportStore}, is what readers see): state, progress counters and the first errors. State changes are synchronised
 * so that a cancel and the start of the merge cannot both win.
 */
final class ImportJob {

  /** Where a job is; every state but {@link #RUNNING} is final. */
  enum State {
    /** Reading, validating and staging rows, or merging them. */
    RUNNING,
    /** A dry run found no error; nothing was written. */
    VALIDATED,
    /** Some rows (or the file) are bad; nothing was written. */
    REJECTED,
    /** Every row was merged, in one transaction with its audit entry. */
    IMPORTED,
    /** Cancelled before the merge; nothing was written. */
    CANCELLED,
    /** A server-side failure; nothing was written. */
    FAILED;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The most errors kept in memory and answered in the job; all of them are in the error report. */
  static final int ERRORS_SHOWN = 1000;

  final String id;
  final String pluginId;
  final String register;
  final String countyCode;
  final boolean dryRun;
  final Instant createdAt;
  final Path upload;
  final Path errorFile;
  final AtomicLong rowsRead = new AtomicLong();
  final AtomicLong rowsValid = new AtomicLong();
  final AtomicLong rowsRejected = new AtomicLong();
  final AtomicLong errorCount = new AtomicLong();
  private final List<RowError> errors = new ArrayList<>();
  private volatile boolean cancelRequested;
  private State state = State.RUNNING;
  private String phase = "reading";
  private String message;
  private long rowsMerged;
  private Instant finishedAt;
  /** Asked (blocking, on the worker) before the merge: false when the database records a cancel. */
  private volatile java.util.function.BooleanSupplier mergeGate;

  ImportJob(String id, String pluginId, String register, String countyCode, boolean dryRun, Instant createdAt,
      Path upload, Path errorFile) {
    this.id = id;
    this.pluginId = pluginId;
    this.register = register;
    this.countyCode = countyCode;
    this.dryRun = dryRun;
    this.createdAt = createdAt;
    this.upload = upload;
    this.errorFile = errorFile;
  }

  boolean cancelRequested() {
    return cancelRequested;
  }

  /** Asks a running job to stop; false when it is already merging or finished (too late). */
  synchronized boolean requestCancel() {
    if (state != State.RUNNING || "merging".equals(phase)) {
      return false;
    }
    cancelRequested = true;
    return true;
  }

  /** Stops a job still reading because the database says so (a cancel through any process); no-op once merging. */
  synchronized void cancelFromDatabase() {
    if (state == State.RUNNING && !"merging".equals(phase)) {
      cancelRequested = true;
    }
  }

  void mergeGate(java.util.function.BooleanSupplier gate) {
    this.mergeGate = gate;
  }

  /** Moves to the merge unless a cancel came first, here or (through the gate) in the database. */
  synchronized boolean beginMerge() {
    if (cancelRequested || state != State.RUNNING) {
      return false;
    }
    java.util.function.BooleanSupplier gate = mergeGate;
    if (gate != null && !gate.getAsBoolean()) {
      cancelRequested = true;
      return false;
    }
    phase = "merging";
    return true;
  }

  synchronized void addError(RowError error) {
    errorCount.incrementAndGet();
    if (errors.size() < ERRORS_SHOWN) {
      errors.add(error);
    }
  }

  synchronized void finish(State state, String message, long merged, Instant at) {
    this.state = state;
    this.message = message;
    this.rowsMerged = merged;
    this.phase = "done";
    this.finishedAt = at;
  }

  synchronized State state() {
    return state;
  }

  synchronized String message() {
    return message;
  }

  synchronized long rowsMerged() {
    return rowsMerged;
  }

  synchronized List<RowError> errorsShown() {
    return List.copyOf(errors);
  }

  synchronized Instant finishedAt() {
    return finishedAt;
  }

  synchronized JsonObject toJson() {
    JsonArray list = new JsonArray();
    errors.forEach(e -> list.add(e.toJson()));
    return new JsonObject()
        .put("id", id)
        .put("register", register)
        .put("county", countyCode)
        .put("dryRun", dryRun)
        .put("state", state.label())
        .put("phase", phase)
        .put("cancelRequested", cancelRequested)
        .put("rowsRead", rowsRead.get())
        .put("rowsValid", rowsValid.get())
        .put("rowsRejected", rowsRejected.get())
        .put("rowsMerged", rowsMerged)
        .put("errorCount", errorCount.get())
        .put("errorsTruncated", errorCount.get() > errors.size())
        .put("errors", list)
        .put("message", message)
        .put("createdAt", createdAt.toString())
        .put("finishedAt", finishedAt == null ? null : finishedAt.toString());
  }
}
