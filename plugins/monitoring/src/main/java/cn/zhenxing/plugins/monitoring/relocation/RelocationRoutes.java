package cn.zhenxing.plugins.monitoring.relocation;

import cn.zhenxing.plugins.monitoring.support.Http;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
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
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * 易地扶贫搬迁后续扶持: resettlement communities with their relocated households, follow-up support actions and the
 * yearly five-good community assessment (五好社区).
 */
public final class RelocationRoutes {

  static final List<String> SUPPORT_KINDS = List.of("employment", "industry", "public-service", "governance",
      "integration", "other");
  static final List<String> STATUSES = List.of("planned", "in-progress", "completed", "stopped");
  /** 党建引领好、产业就业好、公共服务好、社区治理好、文明和谐好. */
  static final List<String> DIMENSIONS = List.of("partyBuilding", "employment", "services", "governance", "civility");
  private static final String COMMUNITY = "c.id, c.county_code AS county, c.name, c.township, c.planned_households,"
      + " (SELECT count(*) FROM monitoring.household h WHERE h.county_code = c.county_code AND h.relocated"
      + "   AND h.resettlement_community = c.name) AS households,"
      + " (SELECT count(*) FROM monitoring.household h WHERE h.county_code = c.county_code AND h.relocated"
      + "   AND h.resettlement_community = c.name AND h.risk_state = 'monitored') AS monitoring_objects,"
      + " (SELECT count(*) FROM monitoring.relocation_support s WHERE s.community_id = c.id) AS support_actions,"
      + " (SELECT a.passed FROM monitoring.five_good_assessment a WHERE a.community_id = c.id"
      + "   ORDER BY a.year DESC LIMIT 1) AS five_good_latest";
  private static final String SUPPORT = "s.id, s.county_code AS county, s.community_id, s.household_id, s.kind,"
      + " s.description, s.responsible_unit, s.start_on, s.status";
  private static final String ASSESSMENT = "a.id, a.community_id, a.year, a.party_building, a.employment, a.services,"
      + " a.governance, a.civility, a.pass_score, a.passed, a.note, a.assessed_at, a.assessed_by";

  private final PluginContext ctx;
  private final int passScore;

  public RelocationRoutes(PluginContext ctx, int passScore) {
    this.ctx = ctx;
    this.passScore = passScore;
  }

  public void mount(Router county) {
    county.post("/relocation/communities").handler(this::createCommunity);
    county.get("/relocation/communities").handler(this::listCommunities);
    county.get("/relocation/communities/:id").handler(this::getCommunity);
    county.get("/relocation/communities/:id/households").handler(this::households);
    county.post("/relocation/communities/:id/support").handler(this::addSupport);
    county.get("/relocation/support").handler(this::listSupport);
    county.put("/relocation/support/:id").handler(this::changeSupport);
    county.put("/relocation/communities/:id/assessments/:year").handler(this::assess);
    county.get("/relocation/communities/:id/assessments").handler(this::assessments);
  }

  private void createCommunity(RoutingContext rc) {
    String county = Http.county(rc);
    Fields f = Fields.of(Requests.jsonBody(rc));
    String name = f.text("name", 60, true);
    String township = f.text("township", 50, true);
    Long planned = f.integer("plannedHouseholds", 0, 100_000, false);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn.preparedQuery("INSERT INTO monitoring.resettlement_community"
                + " (county_code, name, township, planned_households, created_at) VALUES ($1, $2, $3, $4, $5)"
                + " RETURNING id")
            .execute(Tuple.of(county, name, township, planned == null ? null : planned.intValue(), now()))
            .compose(rows -> community(conn, county, rows.iterator().next().getLong("id")))
            .map(json -> new Audited<>(json, AuditEntry.of("create", "resettlement-community", json.getLong("id")))))
        .onSuccess(json -> Answers.json(rc, 201, json))
        .onFailure(rc::fail);
  }

  private void listCommunities(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields q = Fields.ofQuery(rc);
    Where where = Where.county("c.county_code", Http.county(rc)).and("c.township = $?", q.text("township", 50, false));
    q.validate();
    where.list(ctx.pool(), page, COMMUNITY, "monitoring.resettlement_community c", "c.id")
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private void getCommunity(RoutingContext rc) {
    community(ctx.pool(), Http.county(rc), Requests.id(rc, "id"))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  /** The community's relocated households (no personal numbers), with their risk state. */
  private void households(RoutingContext rc) {
    String county = Http.county(rc);
    Page page = Page.of(rc);
    community(ctx.pool(), county, Requests.id(rc, "id"))
        .compose(c -> {
          Where where = Where.county("h.county_code", county).and("h.relocated")
              .and("h.resettlement_community = $?", c.getString("name"));
          return where.list(ctx.pool(), page, "h.id, h.household_no, h.head_name, h.village, h.category,"
              + " h.risk_state, h.monitoring_type", "monitoring.household h", "h.id");
        })
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private void addSupport(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String kind = f.oneOf("kind", SUPPORT_KINDS, true);
    String description = f.text("description", 300, true);
    String unit = f.text("responsibleUnit", 60, true);
    java.time.LocalDate start = f.date("startOn", true);
    String status = f.oneOf("status", STATUSES, false);
    Long household = f.integer("householdId", 1, Long.MAX_VALUE, false);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> community(conn, county, id)
            .compose(c -> household == null ? Future.succeededFuture() : conn.preparedQuery("SELECT 1"
                    + " FROM monitoring.household WHERE id = $1 AND county_code = $2 AND relocated"
                    + " AND resettlement_community = $3").execute(Tuple.of(household, county, c.getString("name")))
                .map(rows -> {
                  if (rows.size() == 0) {
                    throw Problem.invalid("householdId", "不是本社区的搬迁户 / not a relocated household of this"
                        + " community");
                  }
                  return null;
                }))
            .compose(v -> conn.preparedQuery("INSERT INTO monitoring.relocation_support (county_code, community_id,"
                    + " household_id, kind, description, responsible_unit, start_on, status, created_at)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
                .execute(Tuple.from(new Object[] {county, id, household, kind, description, unit, start,
                    status == null ? "in-progress" : status, now()})))
            .compose(rows -> support(conn, county, rows.iterator().next().getLong("id")))
            .map(json -> new Audited<>(json, AuditEntry.of("create", "relocation-support", json.getLong("id")))))
        .onSuccess(json -> Answers.json(rc, 201, json))
        .onFailure(rc::fail);
  }

  private void listSupport(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields q = Fields.ofQuery(rc);
    Where where = Where.county("s.county_code", Http.county(rc))
        .and("s.community_id = $?", q.integer("communityId", 1, Long.MAX_VALUE, false))
        .and("s.kind = $?", q.oneOf("kind", SUPPORT_KINDS, false))
        .and("s.status = $?", q.oneOf("status", STATUSES, false));
    q.validate();
    where.list(ctx.pool(), page, SUPPORT, "monitoring.relocation_support s", "s.id")
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private void changeSupport(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String status = f.oneOf("status", STATUSES, true);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> support(conn, county, id)
            .compose(old -> conn.preparedQuery("UPDATE monitoring.relocation_support SET status = $3"
                    + " WHERE id = $1 AND county_code = $2").execute(Tuple.of(id, county, status))
                .compose(v -> support(conn, county, id))
                .map(json -> new Audited<>(json, AuditEntry.of("update", "relocation-support", id)
                    .withDetail(new JsonObject().put("from", old.getString("status")).put("to", status))))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  /** Records (or corrects) the year's five-good assessment of a community. */
  private void assess(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    Fields path = Fields.of(new JsonObject().put("year", rc.pathParam("year")));
    Long year = path.integer("year", 2020, 2100, true);
    path.validate();
    Fields f = Fields.of(Requests.jsonBody(rc));
    int[] scores = new int[DIMENSIONS.size()];
    boolean passed = true;
    for (int i = 0; i < scores.length; i++) {
      Long s = f.integer(DIMENSIONS.get(i), 0, 100, true);
      scores[i] = s == null ? 0 : s.intValue();
      passed &= scores[i] >= passScore;
    }
    String note = f.text("note", 500, false);
    f.validate();
    boolean pass = passed;
    ctx.audit().inTransaction(rc, conn -> community(conn, county, id)
            .compose(c -> conn.preparedQuery("INSERT INTO monitoring.five_good_assessment (county_code, community_id,"
                    + " year, party_building, employment, services, governance, civility, pass_score, passed, note,"
                    + " assessed_at, assessed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
                    + " ON CONFLICT (community_id, year) DO UPDATE SET party_building = EXCLUDED.party_building,"
                    + " employment = EXCLUDED.employment, services = EXCLUDED.services,"
                    + " governance = EXCLUDED.governance, civility = EXCLUDED.civility,"
                    + " pass_score = EXCLUDED.pass_score, passed = EXCLUDED.passed, note = EXCLUDED.note,"
                    + " assessed_at = EXCLUDED.assessed_at, assessed_by = EXCLUDED.assessed_by"
                    + " RETURNING " + ASSESSMENT.replace("a.", ""))
                .execute(Tuple.from(new Object[] {county, id, year.intValue(), scores[0], scores[1], scores[2],
                    scores[3], scores[4], passScore, pass, note, now(), Http.actor(rc)})))
            .map(rows -> Rows.json(rows.iterator().next()))
            .map(json -> new Audited<>(json, AuditEntry.of("assess", "resettlement-community", id)
                .withDetail(new JsonObject().put("year", year).put("passed", pass)))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private void assessments(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    community(ctx.pool(), county, id)
        .compose(c -> ctx.pool().preparedQuery("SELECT " + ASSESSMENT + " FROM monitoring.five_good_assessment a"
                + " WHERE a.community_id = $1 AND a.county_code = $2 ORDER BY a.year DESC")
            .execute(Tuple.of(id, county)).map(rows -> c.put("assessments", Rows.array(rows))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private static Future<JsonObject> community(SqlClient conn, String county, long id) {
    return conn.preparedQuery("SELECT " + COMMUNITY + " FROM monitoring.resettlement_community c WHERE c.id = $1"
            + " AND c.county_code = $2").execute(Tuple.of(id, county))
        .map(rows -> Rows.one(rows, "安置社区", "resettlement community"));
  }

  private static Future<JsonObject> support(SqlClient conn, String county, long id) {
    return conn.preparedQuery("SELECT " + SUPPORT + " FROM monitoring.relocation_support s WHERE s.id = $1"
            + " AND s.county_code = $2").execute(Tuple.of(id, county))
        .map(rows -> Rows.one(rows, "后续扶持措施", "follow-up support action"));
  }

  private OffsetDateTime now() {
    return ctx.clock().instant().atOffset(ZoneOffset.UTC);
  }
}
