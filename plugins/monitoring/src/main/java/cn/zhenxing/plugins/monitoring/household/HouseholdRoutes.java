package cn.zhenxing.plugins.monitoring.household;

import cn.zhenxing.plugins.monitoring.support.History;
import cn.zhenxing.plugins.monitoring.support.Http;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.sql.Where;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/** The register: create, read, search and change households; their timeline. */
public final class HouseholdRoutes {

  private final PluginContext ctx;
  private final History history;
  private final Members members;

  public HouseholdRoutes(PluginContext ctx, History history) {
    this.ctx = ctx;
    this.history = history;
    this.members = new Members(ctx, history);
  }

  public void mount(Router county) {
    county.get("/households").handler(this::list);
    county.post("/households").handler(this::create);
    county.get("/households/:id").handler(this::get);
    county.put("/households/:id").handler(this::update);
    county.get("/households/:id/history").handler(this::timeline);
    members.mount(county);
  }

  private void create(RoutingContext rc) {
    String county = Http.county(rc);
    Fields f = Fields.of(Requests.jsonBody(rc));
    HouseholdInput input = HouseholdInput.read(f, true);
    List<MemberInput> people = members.readAll(f, LocalDate.now(ctx.clock()));
    f.validate();
    String head = people.stream().filter(m -> Vocabulary.HEAD.equals(m.relation())).findFirst().orElseThrow().name();
    OffsetDateTime now = now();
    ctx.audit().inTransaction(rc, conn -> refuseTakenNumber(conn, county, input.householdNo())
            .compose(v -> members.refuseKnownIds(conn, people))
            .compose(v -> conn.preparedQuery("INSERT INTO monitoring.household (county_code, township, village,"
                    + " household_no, head_name, category, relocated, resettlement_community, income_per_capita,"
                    + " income_from, income_to, created_at, updated_at)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id")
                .execute(Tuple.from(java.util.Arrays.asList(county, input.township(), input.village(),
                    input.householdNo(), head, input.category(), Boolean.TRUE.equals(input.relocated()),
                    input.community(), input.income(), input.incomeFrom(),
                    HouseholdInput.incomeTo(input.incomeFrom()), now))))
            .map(rows -> rows.iterator().next().getLong("id"))
            .compose(id -> members.insert(conn, county, id, people).map(id))
            .compose(id -> assessIncome(conn, county, id, input).map(id))
            .compose(id -> history.record(conn, id, county, Http.actor(rc), "create", new JsonObject()
                .put("householdNo", input.householdNo()).put("category", input.category())
                .put("members", people.size())).map(id))
            .compose(id -> Households.load(conn, county, id))
            .map(json -> new Audited<>(json, AuditEntry.of("create", "household", json.getLong("id")))))
        .onSuccess(json -> Answers.json(rc, 201, json))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    long id = Requests.id(rc, "id");
    Households.load(ctx.reads(), Http.county(rc), id)
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private void update(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    HouseholdInput input = HouseholdInput.read(f, false);
    f.validate();
    ctx.audit().inTransaction(rc, conn -> Households.find(conn, county, id, true)
            .compose(old -> applyUpdate(conn, county, old, input, Http.actor(rc)))
            .compose(changes -> Households.load(conn, county, id).map(json -> new Audited<>(json,
                AuditEntry.of("update", "household", id).withDetail(changes)))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  /** Writes the new values, the income assessment if the income changed, and one history row naming the changes. */
  private Future<JsonObject> applyUpdate(SqlConnection conn, String county, Row old, HouseholdInput in, String actor) {
    long id = old.getLong("id");
    String number = pick(in.householdNo(), old.getString("household_no"));
    String township = pick(in.township(), old.getString("township"));
    String village = pick(in.village(), old.getString("village"));
    String category = pick(in.category(), old.getString("category"));
    boolean relocated = in.relocated() != null ? in.relocated() : old.getBoolean("relocated");
    String community = relocated ? pick(in.community(), old.getString("resettlement_community")) : null;
    if (relocated && community == null) {
      throw Problem.invalid("resettlementCommunity", "易地搬迁户必填安置社区 / required for a relocated household");
    }
    BigDecimal income = in.income() != null ? in.income() : old.getBigDecimal("income_per_capita");
    LocalDate from = in.income() != null ? in.incomeFrom() : old.getLocalDate("income_from");
    JsonObject changes = new JsonObject();
    diff(changes, "householdNo", old.getString("household_no"), number);
    diff(changes, "township", old.getString("township"), township);
    diff(changes, "village", old.getString("village"), village);
    diff(changes, "category", old.getString("category"), category);
    diff(changes, "relocated", old.getBoolean("relocated"), relocated);
    diff(changes, "resettlementCommunity", old.getString("resettlement_community"), community);
    BigDecimal oldIncome = old.getBigDecimal("income_per_capita");
    if (in.income() != null && (oldIncome == null || oldIncome.compareTo(income) != 0
        || !Objects.equals(old.getLocalDate("income_from"), from))) {
      changes.put("incomePerCapita", new JsonObject().put("from", oldIncome == null ? null : oldIncome.toPlainString())
          .put("to", income.toPlainString())).put("incomeFrom", from.toString());
    }
    if (changes.isEmpty()) {
      return Future.succeededFuture(changes);
    }
    Future<Void> numberFree = Objects.equals(number, old.getString("household_no")) ? Future.succeededFuture()
        : refuseTakenNumber(conn, county, number);
    return numberFree
        .compose(v -> conn.preparedQuery("UPDATE monitoring.household SET household_no = $3, township = $4,"
                + " village = $5, category = $6, relocated = $7, resettlement_community = $8, income_per_capita = $9,"
                + " income_from = $10, income_to = $11, updated_at = $12 WHERE id = $1 AND county_code = $2")
            .execute(Tuple.from(java.util.Arrays.asList(id, county, number, township, village, category, relocated,
                community, income, from, HouseholdInput.incomeTo(from), now()))))
        .compose(v -> changes.containsKey("incomePerCapita") ? assessIncome(conn, county, id, in)
            : Future.succeededFuture())
        .compose(v -> history.record(conn, id, county, actor, "update", changes))
        .map(changes);
  }

  private Future<Void> assessIncome(SqlConnection conn, String county, long id, HouseholdInput in) {
    if (in.income() == null) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery("INSERT INTO monitoring.income_assessment (household_id, county_code, assessed_on,"
            + " income_per_capita, income_from, income_to) VALUES ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(id, county, LocalDate.now(ctx.clock()), in.income(), in.incomeFrom(),
            HouseholdInput.incomeTo(in.incomeFrom())))
        .mapEmpty();
  }

  private Future<Void> refuseTakenNumber(SqlConnection conn, String county, String number) {
    return conn.preparedQuery("SELECT 1 FROM monitoring.household WHERE county_code = $1 AND household_no = $2")
        .execute(Tuple.of(county, number))
        .map(rows -> {
          if (rows.size() > 0) {
            throw Problem.conflict("householdNo: 户编号在本县已存在 / household number already used in this county: "
                + number);
          }
          return null;
        });
  }

  private void list(RoutingContext rc) {
    Page page = Page.of(rc);
    Fields q = Fields.ofQuery(rc);
    String idNumber = q.text("idNumber", 18, false);
    Boolean relocated = q.has("relocated") ? q.bool("relocated", false) : null;
    Where where = Where.county("h.county_code", Http.county(rc))
        .and("h.township = $?", q.text("township", 50, false))
        .and("h.village = $?", q.text("village", 50, false))
        .and("h.category = $?", q.oneOf("category", Vocabulary.CATEGORIES, false))
        .and("h.monitoring_type = $?", q.oneOf("monitoringType", Vocabulary.MONITORING_TYPES, false))
        .and("h.risk_state = $?", q.oneOf("riskState", Vocabulary.RISK_STATES, false))
        .and("h.relocated = $?", relocated)
        .and("(h.head_name = $? OR EXISTS (SELECT 1 FROM monitoring.member m WHERE m.household_id = h.id"
            + " AND m.name = $?))", q.text("name", 50, false));
    q.validate();
    where.and("EXISTS (SELECT 1 FROM monitoring.member m WHERE m.household_id = h.id AND m.id_index = $?)",
        idNumber == null ? null : ctx.personalData().idCardIndex("idNumber", idNumber));
    where.list(ctx.pool(), page, Households.COLUMNS, "monitoring.household h", "h.id", Households::toJson)
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private void timeline(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    Page page = Page.of(rc);
    Households.find(ctx.pool(), county, id, false)
        .compose(h -> Where.county("county_code", county).and("household_id = $?", id).list(ctx.pool(), page,
                "id, at, actor, action, detail", "monitoring.household_history", "id",
                r -> new JsonObject().put("id", r.getLong("id"))
                    .put("at", r.getOffsetDateTime("at").toInstant().toString()).put("actor", r.getString("actor"))
                    .put("action", r.getString("action")).put("detail", (JsonObject) r.getValue("detail"))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }

  private static String pick(String given, String old) {
    return given != null ? given : old;
  }

  private static void diff(JsonObject changes, String field, Object from, Object to) {
    if (!Objects.equals(from, to)) {
      changes.put(field, new JsonObject().put("from", from).put("to", to));
    }
  }

  private OffsetDateTime now() {
    return ctx.clock().instant().atOffset(ZoneOffset.UTC);
  }
}
