package cn.zhenxing.plugins.ecommerce.target;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The city sets, per county and year, how many leaders are to be trained; the answer shows each target beside the
 * leaders actually trained (attended at least one session held that year).
 */
public final class TrainingTargetRoutes {

  private final PluginContext ctx;

  public TrainingTargetRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router city) {
    city.get("/training-targets").handler(this::list);
    city.put("/training-targets/:county/:year").handler(this::put);
  }

  private void list(RoutingContext rc) {
    Fields query = Fields.ofQuery(rc);
    Long asked = query.integer("year", 2000, 2100, false);
    query.validate();
    int year = asked == null ? LocalDate.now(ctx.clock().withZone(ctx.zone())).getYear() : asked.intValue();
    ctx.pool().preparedQuery("SELECT c.code AS county, t.leaders_trained AS target,"
            + " (SELECT count(DISTINCT a.leader_id) FROM ecommerce.attendance a"
            + "    JOIN ecommerce.training tr ON tr.id = a.training_id"
            + "   WHERE a.county_code = c.code AND extract(year FROM tr.held_on) = $2) AS trained"
            + " FROM unnest($1::text[]) AS c(code)"
            + " LEFT JOIN ecommerce.training_target t ON t.county_code = c.code AND t.year = $2 ORDER BY c.code")
        .execute(Tuple.of(ctx.counties().counties().stream().map(County::code).toArray(String[]::new), year))
        .onSuccess(rows -> Answers.ok(rc, new JsonObject().put("year", year).put("items", Rows.array(rows))))
        .onFailure(rc::fail);
  }

  private void put(RoutingContext rc) {
    String county = rc.pathParam("county");
    if (ctx.counties().byCode(county).filter(c -> !c.city()).isEmpty()) {
      throw Problem.notFound("县区 " + county + " 不存在 / No such county " + county);
    }
    String yearText = rc.pathParam("year");
    Fields f = Fields.of(Requests.jsonBody(rc));
    f.check(yearText.matches("20[0-9]{2}|2100"), "year", "应为 2000–2100 年 / must be a year from 2000 to 2100");
    Long target = f.integer("leadersTrained", 0, 100000, true);
    f.validate();
    int year = Integer.parseInt(yearText);
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("INSERT INTO ecommerce.training_target (county_code,"
                + " year, leaders_trained, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (county_code, year)"
                + " DO UPDATE SET leaders_trained = excluded.leaders_trained, updated_at = excluded.updated_at")
            .execute(Tuple.of(county, year, target.intValue(), OffsetDateTime.now(ctx.clock())))
            .map(rows -> new Audited<>(target, AuditEntry.of("update", "training-target", county + "/" + year)
                .withDetail(new JsonObject().put("leadersTrained", target)))))
        .onSuccess(v -> Answers.ok(rc, new JsonObject().put("county", county).put("year", year)
            .put("leadersTrained", target)))
        .onFailure(rc::fail);
  }
}
