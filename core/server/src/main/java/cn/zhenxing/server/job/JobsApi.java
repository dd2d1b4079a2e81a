package cn.zhenxing.server.job;

import cn.zhenxing.server.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code /api/v1/jobs}: scheduled jobs with their last and next runs; trigger one now. */
public final class JobsApi {

  private final Scheduler scheduler;

  public JobsApi(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  public void mount(Router api) {
    api.get("/jobs").handler(rc -> scheduler.describe()
        .onSuccess(items -> Responses.json(rc, 200, new JsonObject().put("items", items)))
        .onFailure(rc::fail));
    api.post("/jobs/:plugin/:job/runs").handler(rc -> scheduler
        .trigger(rc.pathParam("plugin"), rc.pathParam("job"), rc.queryParams().get("county"))
        .onSuccess(result -> Responses.json(rc, 200, result))
        .onFailure(rc::fail));
  }
}
