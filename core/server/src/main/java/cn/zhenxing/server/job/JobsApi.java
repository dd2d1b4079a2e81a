package cn.zhenxing.server.job;

import cn.zhenxing.server.audit.AuditRecord;
import cn.zhenxing.server.audit.AuditWriter;
import cn.zhenxing.server.http.Responses;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import cn.zhenxing.server.security.CoreAccess;
import cn.zhenxing.server.security.PermissionRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code /api/v1/jobs}: scheduled jobs with their last and next runs; trigger one now. */
public final class JobsApi {

  private final Scheduler scheduler;

  private final CoreAccess access;
  private final AuditWriter audit;
  private final Pool pool;
  private final Clock clock;

  public JobsApi(Scheduler scheduler, CoreAccess access, AuditWriter audit, Pool pool, Clock clock) {
    this.scheduler = scheduler;
    this.access = access;
    this.audit = audit;
    this.pool = pool;
    this.clock = clock;
  }

  public void mount(Router api) {
    api.get("/jobs").handler(access.require(PermissionRegistry.SYSTEM_READ)).handler(rc -> scheduler.describe()
        .onSuccess(items -> Responses.json(rc, 200, new JsonObject().put("items", items)))
        .onFailure(rc::fail));
    api.post("/jobs/:plugin/:job/runs").handler(access.require(PermissionRegistry.JOBS_RUN)).handler(this::trigger);
  }

  /** Runs a job now; the trigger and its outcome are audited (the job's own work commits on its own). */
  private void trigger(RoutingContext rc) {
    String plugin = rc.pathParam("plugin");
    String job = rc.pathParam("job");
    scheduler.trigger(plugin, job, rc.queryParams().get("county"))
        .compose(result -> audit.append(pool, AuditRecord.forRequest(clock, rc, plugin, rc.queryParams().get("county"),
                "run", "job", plugin + "/" + job, AuditRecord.SUCCESS, new JsonObject().put("runs",
                    result.getJsonArray("runs"))))
            .map(result))
        .onSuccess(result -> Responses.json(rc, 200, result))
        .onFailure(rc::fail);
  }
}
