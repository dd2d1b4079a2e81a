package cn.zhenxing.plugins.safety.campaign;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.http.Rows;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Campaigns and their activities: the city plans them ({@code /campaigns}, city accounts), each county sets its
 * target and reports its progress per activity ({@code /counties/:county/campaigns/:id/activities/:activity/progress}).
 */
public final class CampaignRoutes {

  private static final String NO_CAMPAIGN = "活动年度不存在 / No such campaign";
  private static final String NO_ACTIVITY = "活动不存在 / No such activity";
  private static final String COLUMNS = "id, year, edition, month, theme, focus";

  private final PluginContext ctx;

  public CampaignRoutes(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void mount(Router city, Router county) {
    ctx.http().constraint("campaign_year_key", "year", "该年度的活动已存在 / a campaign of this year already exists");
    ctx.http().constraint("campaign_edition_key", "edition",
        "该届次的活动已存在 / a campaign of this edition already exists");
    ctx.http().constraint("activity_campaign_id_ordinal_key", "ordinal",
        "活动序号重复 / an activity with this ordinal already exists");
    ctx.http().constraint("activity_campaign_id_name_key", "name",
        "活动名称重复 / an activity with this name already exists");
    city.get("/campaigns").handler(this::list);
    city.post("/campaigns").handler(this::create);
    city.get("/campaigns/:id").handler(this::cityView);
    city.post("/campaigns/:id/activities").handler(this::addActivity);
    city.get("/campaigns/:id/progress-snapshots").handler(this::snapshots);
    county.get("/campaigns").handler(this::list);
    county.get("/campaigns/:id").handler(this::countyView);
    county.put("/campaigns/:id/activities/:activity/progress").handler(this::reportProgress);
  }

  /** Seed data: the 2023 campaign and its 8 activities. */
  public Future<Void> seed(SqlConnection conn) {
    return CampaignSeed.insert(conn, OffsetDateTime.now(ctx.clock()));
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Where.all().list(ctx.pool(), page, COLUMNS, "safety.campaign", "year DESC, id")
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void create(RoutingContext rc) {
    Fields f = Fields.of(Requests.jsonBody(rc));
    Long year = f.integer("year", 2000, 2100, true);
    Long edition = f.integer("edition", 1, 200, true);
    Long month = f.integer("month", 1, 12, true);
    String theme = f.text("theme", 100, true);
    String focus = f.text("focus", 200, false);
    JsonArray array = f.array("activities", 50, false);
    List<ActivityInput> activities = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      activities.add(ActivityInput.read(f, array.getValue(i), "activities[" + i + "]", i + 1));
    }
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn
            .preparedQuery("INSERT INTO safety.campaign (year, edition, month, theme, focus, created_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
            .execute(Tuple.of(year, edition, month, theme, focus, OffsetDateTime.now(ctx.clock())))
            .compose(rows -> {
              long id = rows.iterator().next().getLong(0);
              Future<Void> all = Future.succeededFuture();
              for (ActivityInput a : activities) {
                all = all.compose(v -> a.insert(conn, id));
              }
              return all.compose(v -> load(conn, id, null))
                  .map(view -> new Audited<>(view, AuditEntry.of("create", "campaign", id)));
            }))
        .onSuccess(view -> Answers.created(rc, view))
        .onFailure(rc::fail);
  }

  private void addActivity(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    ActivityInput a = ActivityInput.read(f, f.json(), "", null);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> exists(conn, id)
            .compose(v -> a.insert(conn, id))
            .compose(v -> load(conn, id, null))
            .map(view -> new Audited<>(view, AuditEntry.of("create", "activity", id)
                .withDetail(new JsonObject().put("name", a.name())))))
        .onSuccess(view -> Answers.created(rc, view))
        .onFailure(rc::fail);
  }

  private void cityView(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    ctx.pool().withConnection(conn -> load(conn, id, null)
            .compose(view -> progressByCounty(conn, id).map(counties -> view.put("counties", counties))))
        .onSuccess(view -> Answers.ok(rc, view))
        .onFailure(rc::fail);
  }

  /** The summaries the job "campaign-progress" kept, newest first: progress over time per county. */
  private void snapshots(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    Fields q = Fields.ofQuery(rc);
    String county = q.text("county", 6, false);
    q.check(county == null || county.matches("\\d{6}"), "county", "应为六位县区代码 / must be a six-digit county code");
    q.validate();
    Page page = Page.of(rc);
    Where where = Where.all().and("campaign_id = $?", id).and("county_code = $?", county);
    ctx.pool().withConnection(conn -> exists(conn, id))
        .compose(v -> where.list(ctx.pool(), page, "county_code AS county, taken_on, target_count, done_count,"
                + " activities_done, activities", "safety.campaign_progress_snapshot", "taken_on DESC, county_code"))
        .onSuccess(json -> Answers.ok(rc, json))
        .onFailure(rc::fail);
  }

  private void countyView(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    String county = Requests.county(rc).code();
    ctx.pool().withConnection(conn -> load(conn, id, county))
        .onSuccess(view -> Answers.ok(rc, view))
        .onFailure(rc::fail);
  }

  private void reportProgress(RoutingContext rc) {
    County county = Requests.county(rc);
    long id = Requests.id(rc, "id");
    long activity = Requests.id(rc, "activity");
    Fields f = Fields.of(Requests.jsonBody(rc));
    Long target = f.integer("targetCount", 0, 1_000_000, false);
    Long done = f.integer("doneCount", 0, 1_000_000, true);
    String note = f.text("note", 500, false);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> conn
            .preparedQuery("INSERT INTO safety.activity_progress (activity_id, county_code, target_count, done_count,"
                + " note, updated_at) SELECT a.id, $3, coalesce($4, a.target_count), $5, $6, $7"
                + " FROM safety.activity a WHERE a.id = $1 AND a.campaign_id = $2"
                + " ON CONFLICT (activity_id, county_code) DO UPDATE SET"
                + " target_count = coalesce($4, safety.activity_progress.target_count),"
                + " done_count = excluded.done_count, note = excluded.note, updated_at = excluded.updated_at")
            .execute(Tuple.of(activity, id, county.code(), target, done, note, OffsetDateTime.now(ctx.clock())))
            .compose(rows -> rows.rowCount() == 0 ? Future.failedFuture(Problem.notFound(NO_ACTIVITY))
                : load(conn, id, county.code()))
            .map(view -> new Audited<>(view, AuditEntry.of("progress", "activity", activity)
                .withDetail(new JsonObject().put("targetCount", target).put("doneCount", done)))))
        .onSuccess(view -> Answers.ok(rc, view))
        .onFailure(rc::fail);
  }

  private static Future<Void> exists(SqlConnection conn, long id) {
    return conn.preparedQuery("SELECT 1 FROM safety.campaign WHERE id = $1").execute(Tuple.of(id))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Problem.notFound(NO_CAMPAIGN))
            : Future.succeededFuture());
  }

  /** The campaign with its activities; with a county, each activity's target and progress there. */
  private static Future<JsonObject> load(SqlConnection conn, long id, String county) {
    return conn.preparedQuery("SELECT " + COLUMNS + " FROM safety.campaign WHERE id = $1").execute(Tuple.of(id))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(Problem.notFound(NO_CAMPAIGN));
          }
          JsonObject campaign = Rows.json(rows.iterator().next());
          return conn.preparedQuery("SELECT a.*, p.target_count AS county_target, p.done_count, p.note,"
                  + " (SELECT coalesce(sum(done_count), 0) FROM safety.activity_progress q WHERE q.activity_id = a.id)"
                  + " AS done_total"
                  + " FROM safety.activity a LEFT JOIN safety.activity_progress p"
                  + " ON p.activity_id = a.id AND p.county_code = $2"
                  + " WHERE a.campaign_id = $1 ORDER BY a.ordinal")
              .execute(Tuple.of(id, county))
              .map(activities -> {
                JsonArray items = new JsonArray();
                activities.forEach(a -> items.add(activity(a, county)));
                return campaign.put("activities", items);
              });
        });
  }

  /** Per county: the sum of its targets and of what it has done, over the campaign's activities. */
  private static Future<JsonArray> progressByCounty(SqlConnection conn, long id) {
    return conn.preparedQuery("SELECT p.county_code, sum(p.target_count) AS target, sum(p.done_count) AS done,"
            + " count(*) FILTER (WHERE p.done_count >= p.target_count) AS activities_done"
            + " FROM safety.activity_progress p JOIN safety.activity a ON a.id = p.activity_id"
            + " WHERE a.campaign_id = $1 GROUP BY p.county_code ORDER BY p.county_code")
        .execute(Tuple.of(id))
        .map(rows -> {
          JsonArray counties = new JsonArray();
          rows.forEach(r -> counties.add(new JsonObject().put("county", r.getString("county_code"))
              .put("targetCount", r.getLong("target")).put("doneCount", r.getLong("done"))
              .put("activitiesDone", r.getLong("activities_done"))));
          return counties;
        });
  }

  private static JsonObject activity(Row a, String county) {
    JsonObject json = new JsonObject().put("id", a.getLong("id")).put("ordinal", a.getInteger("ordinal"))
        .put("name", a.getString("name")).put("description", a.getString("description"))
        .put("owner", a.getString("owner")).put("startsOn", a.getLocalDate("starts_on").toString())
        .put("endsOn", a.getLocalDate("ends_on").toString()).put("targetCount", a.getInteger("target_count"))
        .put("unit", a.getString("unit"));
    if (county == null) {
      return json.put("doneTotal", a.getLong("done_total"));
    }
    Integer target = a.getInteger("county_target");
    return json.put("progress", new JsonObject()
        .put("county", county)
        .put("targetCount", target != null ? target : a.getInteger("target_count"))
        .put("doneCount", a.getInteger("done_count") != null ? a.getInteger("done_count") : 0)
        .put("note", a.getString("note")));
  }
  /** One activity as a request describes it. */
  record ActivityInput(Integer ordinal, String name, String description, String owner, LocalDate startsOn,
                       LocalDate endsOn, long targetCount, String unit) {

    static ActivityInput read(Fields parent, Object value, String path, Integer defaultOrdinal) {
      Fields f = path.isEmpty() ? parent
          : parent.nested(value instanceof JsonObject o ? o : new JsonObject(), path);
      if (!path.isEmpty() && !(value instanceof JsonObject)) {
        parent.check(false, path, "应为对象 / must be an object");
      }
      Long ordinal = f.integer("ordinal", 1, 99, false);
      String name = f.text("name", 100, true);
      String description = f.text("description", 1000, false);
      String owner = f.text("owner", 100, true);
      LocalDate starts = f.date("startsOn", true);
      LocalDate ends = f.date("endsOn", true);
      f.check(starts == null || ends == null || !ends.isBefore(starts), "endsOn",
          "不能早于开始日期 / must not be before startsOn");
      Long target = f.integer("targetCount", 0, 1_000_000, false);
      String unit = f.text("unit", 10, false);
      return new ActivityInput(ordinal != null ? ordinal.intValue() : defaultOrdinal, name, description, owner,
          starts, ends, target == null ? 1 : target, unit == null ? "次" : unit);
    }

    Future<Void> insert(SqlConnection conn, long campaign) {
      return conn.preparedQuery("INSERT INTO safety.activity (campaign_id, ordinal, name, description, owner,"
              + " starts_on, ends_on, target_count, unit) VALUES ($1,"
              + " coalesce($2, (SELECT coalesce(max(ordinal), 0) + 1 FROM safety.activity WHERE campaign_id = $1)),"
              + " $3, $4, $5, $6, $7, $8, $9)")
          .execute(Tuple.from(java.util.Arrays.asList(campaign, ordinal, name, description, owner, startsOn, endsOn,
              targetCount, unit)))
          .mapEmpty();
    }
  }
}
