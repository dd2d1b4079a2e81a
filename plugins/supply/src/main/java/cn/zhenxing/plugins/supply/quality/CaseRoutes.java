package cn.zhenxing.plugins.supply.quality;

import cn.zhenxing.plugins.supply.support.Products;
import cn.zhenxing.plugins.supply.support.Scope;
import cn.zhenxing.plugins.supply.support.Writes;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;

/**
 * Counterfeit or substandard farm-supply cases (农资打假) and their follow-up: each follow-up note moves the case's
 * status (open → investigating → closed); a closed case takes no more follow-ups.
 */
public final class CaseRoutes {

  static final String COLUMNS = "id, county_code AS county, opened_on, kind, product, party, description, inspection_id, status,"
      + " closed_on, demo";
  static final List<String> KINDS = List.of("counterfeit", "substandard");
  static final List<String> STATUSES = List.of("open", "investigating", "closed");

  private final PluginContext ctx;
  private final Writes writes;

  public CaseRoutes(PluginContext ctx) {
    this.ctx = ctx;
    this.writes = new Writes(ctx);
  }

  public void mount(Router county) {
    county.get("/cases").handler(this::list);
    county.post("/cases").handler(this::create);
    county.get("/cases/:id").handler(this::get);
    county.post("/cases/:id/follow-ups").handler(this::followUp);
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields query = Fields.ofQuery(rc);
    String status = query.text("status", 20, false);
    query.validate();
    Where where = Where.county("county_code", Scope.of(rc)).and("status = $?", status);
    where.list(ctx.pool(), page, COLUMNS, "supply.quality_case", "opened_on DESC, id DESC")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    ctx.pool().withConnection(conn -> read(conn, id, Scope.of(rc)))
        .onSuccess(json -> Answers.ok(rc, json)).onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    String county = Scope.of(rc);
    Fields f = Fields.of(Requests.jsonBody(rc));
    LocalDate opened = f.date("openedOn", true);
    String kind = f.oneOf("kind", KINDS, true);
    String product = f.oneOf("product", Products.CODES, true);
    String party = f.text("party", 100, true);
    String description = f.text("description", 2000, true);
    Long inspection = f.integer("inspectionId", 1, Long.MAX_VALUE, false);
    f.validate();
    writes.audited(rc, 201, "create", "quality-case", conn -> checkInspection(conn, inspection, county)
        .compose(v -> conn.preparedQuery("INSERT INTO supply.quality_case (county_code, opened_on, kind, product,"
                + " party, description, inspection_id, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open')"
                + " RETURNING id")
            .execute(Tuple.from(new Object[] {county, opened, kind, product, party, description, inspection})))
        .compose(rows -> read(conn, rows.iterator().next().getLong("id"), county)));
  }

  private void followUp(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    String county = Scope.of(rc);
    Fields f = Fields.of(Requests.jsonBody(rc));
    LocalDate on = f.date("notedOn", true);
    String status = f.oneOf("status", STATUSES, true);
    String note = f.text("note", 2000, true);
    f.validate();
    writes.audited(rc, 201, "follow-up", "quality-case", conn -> conn
        .preparedQuery("SELECT status, opened_on FROM supply.quality_case WHERE id = $1 AND county_code = $2"
            + " FOR UPDATE")
        .execute(Tuple.of(id, county))
        .compose(rows -> {
          JsonObject c = Rows.one(rows, "案件", "case");
          if ("closed".equals(c.getString("status"))) {
            return Future.failedFuture(Problem.conflict("案件已结案 / The case is closed"));
          }
          if (on.isBefore(LocalDate.parse(c.getString("openedOn")))) {
            return Future.failedFuture(Problem.invalid("notedOn", "不能早于立案日期 / must not be before openedOn"));
          }
          return conn.preparedQuery("INSERT INTO supply.case_followup (case_id, noted_on, status, note)"
                  + " VALUES ($1, $2, $3, $4)").execute(Tuple.of(id, on, status, note))
              .compose(v -> conn.preparedQuery("UPDATE supply.quality_case SET status = $2, closed_on = $3"
                  + " WHERE id = $1").execute(Tuple.of(id, status, "closed".equals(status) ? on : null)));
        })
        .compose(v -> read(conn, id, county)));
  }

  private static Future<Void> checkInspection(SqlConnection conn, Long inspection, String county) {
    if (inspection == null) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery("SELECT 1 FROM supply.inspection WHERE id = $1 AND county_code = $2")
        .execute(Tuple.of(inspection, county))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture() : Future.failedFuture(Problem.invalid(
            "inspectionId", "本县区无此检查记录 / no such inspection in this county")));
  }

  private static Future<JsonObject> read(SqlConnection conn, long id, String county) {
    return conn.preparedQuery("SELECT " + COLUMNS + ", (SELECT json_agg(json_build_object('notedOn', noted_on,"
            + " 'status', status, 'note', note) ORDER BY id) FROM supply.case_followup WHERE case_id = c.id)"
            + " AS follow_ups FROM supply.quality_case c WHERE id = $1 AND county_code = $2")
        .execute(Tuple.of(id, county))
        .map(rows -> Rows.one(rows, "案件", "case"));
  }
}
