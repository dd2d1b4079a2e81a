package cn.zhenxing.plugins.supply.quality;

import cn.zhenxing.plugins.supply.support.Scope;
import cn.zhenxing.plugins.supply.support.Writes;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;

/** Publicity events of the 放心农资 action: counterfeit-recognition talks, market-day stalls. */
public final class PublicityRoutes {

  static final String COLUMNS = "id, county_code AS county, held_on, title, place, participants, materials, demo";

  private final PluginContext ctx;
  private final Writes writes;

  public PublicityRoutes(PluginContext ctx) {
    this.ctx = ctx;
    this.writes = new Writes(ctx);
  }

  public void mount(Router county) {
    county.get("/publicity").handler(this::list);
    county.post("/publicity").handler(this::create);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Where where = Where.county("county_code", Scope.of(rc));
    where.list(ctx.pool(), page, COLUMNS, "supply.publicity_event", "held_on DESC, id DESC")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    Fields f = Fields.of(Requests.jsonBody(rc));
    LocalDate on = f.date("heldOn", true);
    String title = f.text("title", 100, true);
    String place = f.text("place", 100, false);
    Long participants = f.integer("participants", 0, 1_000_000, true);
    Long materials = f.integer("materials", 0, 10_000_000, false);
    f.validate();
    writes.audited(rc, 201, "create", "publicity-event", conn -> conn
        .preparedQuery("INSERT INTO supply.publicity_event (county_code, held_on, title, place, participants,"
            + " materials) VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
        .execute(Tuple.of(Scope.of(rc), on, title, place, participants.intValue(),
            materials == null ? 0 : materials.intValue()))
        .map(rows -> Rows.json(rows.iterator().next())));
  }
}
