package cn.zhenxing.server.job;

import cn.zhenxing.server.http.Responses;
import cn.zhenxing.server.security.CoreAccess;
import cn.zhenxing.server.security.PermissionRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code /api/v1/jobs}: scheduled jobs with their last and next runs; trigger one now. */
public final class JobsApi {

  private final Scheduler scheduler;

  private final CoreAccess access;

  public JobsApi(Scheduler scheduler, CoreAccess access) {
    this.scheduler = scheduler;
    this.access = access;
  }

  public void mount(Router api) {
    api.get("/jobs").handler(access.require(PermissionRegistry.SYSTEM_READ)).handler(rc -> scheduler.describe()
        .onSuccess(items -> Responses.json(rc, 200, new JsonObject().put("items", items)))
        .onFailure(rc::fail));
    api.post("/jobs/:plugin/:job/runs").handler(access.require(PermissionRegistry.JOBS_RUN)).handler(rc -> scheduler
        .trigger(rc.pathParam("plugin"), rc.pathParam("job"), rc.queryParams().get("county"))
        .onSuccess(result -> Responses.json(rc, 200, result))
        .onFailure(rc::fail));
  }
}
