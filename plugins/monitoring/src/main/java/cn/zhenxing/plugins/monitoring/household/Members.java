package cn.zhenxing.plugins.monitoring.household;

import cn.zhenxing.plugins.monitoring.support.History;
import cn.zhenxing.plugins.monitoring.support.Http;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.http.Answers;
import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Members of a household: read from requests, checked against the whole register by blind index, stored sealed. */
final class Members {

  private final PluginContext ctx;
  private final History history;

  Members(PluginContext ctx, History history) {
    this.ctx = ctx;
    this.history = history;
  }

  void mount(Router county) {
    county.post("/households/:id/members").handler(this::add);
    county.put("/households/:id/members/:memberId").handler(this::change);
  }

  /** The {@code members} array of a new household: one head, no ID number twice. */
  List<MemberInput> readAll(Fields f, LocalDate today) {
    JsonArray array = f.array("members", 30, true);
    List<MemberInput> out = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      String path = "members[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject o)) {
        f.check(false, path, "应为对象 / must be an object");
        continue;
      }
      MemberInput m = MemberInput.read(f.nested(o, path), path, ctx.personalData(), today);
      if (m.id() != null) {
        String first = seen.putIfAbsent(m.id().blindIndex(), path);
        f.check(first == null, m.idField(), "与 " + first + " 的身份证号重复 / same ID-card number as " + first);
      }
      out.add(m);
    }
    long heads = out.stream().filter(m -> Vocabulary.HEAD.equals(m.relation())).count();
    f.check(array.isEmpty() || heads == 1, "members", "应有且只有一位户主 / exactly one member must be the head (户主)");
    return out;
  }

  /** 409 naming the field when an ID number is already registered (in any household of any county). */
  Future<Void> refuseKnownIds(SqlConnection conn, List<MemberInput> people) {
    List<String> indexes = people.stream().map(m -> m.id().blindIndex()).toList();
    return conn.preparedQuery("SELECT id_index FROM monitoring.member WHERE id_index = ANY($1)")
        .execute(Tuple.of(indexes.toArray(String[]::new)))
        .map(rows -> {
          if (rows.size() > 0) {
            String taken = rows.iterator().next().getString("id_index");
            MemberInput m = people.stream().filter(p -> p.id().blindIndex().equals(taken)).findFirst().orElseThrow();
            throw Problem.conflict(m.idField() + ": 该身份证号已登记在其他户 / this ID-card number is already"
                + " registered in a household");
          }
          return null;
        });
  }

  Future<Void> insert(SqlConnection conn, String county, long householdId, List<MemberInput> people) {
    List<Tuple> rows = people.stream().map(m -> Tuple.from(new Object[] {householdId, county, m.name(),
        m.id().cipher(), m.id().blindIndex(), m.id().masked(), m.relation(), m.birthDate(), m.labour(), m.health(),
        m.schooling(), m.mainEarner()})).toList();
    return conn.preparedQuery("INSERT INTO monitoring.member (household_id, county_code, name, id_cipher, id_index,"
            + " id_masked, relation, birth_date, labour, health, schooling, main_earner)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
        .executeBatch(rows)
        .mapEmpty();
  }

  private void add(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    Fields f = Fields.of(Requests.jsonBody(rc));
    MemberInput m = MemberInput.read(f, "", ctx.personalData(), LocalDate.now(ctx.clock()));
    f.check(!Vocabulary.HEAD.equals(m.relation()), "relation",
        "户主已登记；如需更换户主请修改成员关系 / the household has its head; change relations to replace it");
    f.validate();
    ctx.audit().inTransaction(rc, conn -> Households.find(conn, county, id, true)
            .compose(h -> refuseKnownIds(conn, List.of(m)))
            .compose(v -> insert(conn, county, id, List.of(m)))
            .compose(v -> history.record(conn, id, county, Http.actor(rc), "member-added", MemberInput.detail(m)))
            .compose(v -> Households.load(conn, county, id))
            .map(json -> new Audited<>(json, AuditEntry.of("add-member", "household", id))))
        .onSuccess(json -> Answers.json(rc, 201, json))
        .onFailure(rc::fail);
  }

  /** Changes what may change of a member (not the ID-card number: a different number is a different person). */
  private void change(RoutingContext rc) {
    String county = Http.county(rc);
    long id = Requests.id(rc, "id");
    long memberId = Requests.id(rc, "memberId");
    Fields f = Fields.of(Requests.jsonBody(rc));
    String name = f.text("name", 30, false);
    String labour = f.oneOf("labour", Vocabulary.LABOUR, false);
    String health = f.oneOf("health", Vocabulary.HEALTH, false);
    String schooling = f.oneOf("schooling", Vocabulary.SCHOOLING, false);
    Boolean mainEarner = f.has("mainEarner") ? f.bool("mainEarner", false) : null;
    f.check(!f.has("idNumber"), "idNumber", "身份证号不能修改，请删除后重新登记 / cannot be changed");
    f.check(!f.has("relation"), "relation", "成员关系不能在此修改 / cannot be changed here");
    f.validate();
    // put() keeps null values; strip them so the history lists only what changed.
    JsonObject changes = new JsonObject().put("memberId", memberId).put("name", name).put("labour", labour)
        .put("health", health).put("schooling", schooling).put("mainEarner", mainEarner);
    changes.fieldNames().removeIf(k -> changes.getValue(k) == null);
    ctx.audit().inTransaction(rc, conn -> Households.find(conn, county, id, true)
            .compose(h -> conn.preparedQuery("UPDATE monitoring.member SET name = coalesce($4, name),"
                    + " labour = coalesce($5, labour), health = coalesce($6, health),"
                    + " schooling = coalesce($7, schooling), main_earner = coalesce($8, main_earner)"
                    + " WHERE id = $1 AND household_id = $2 AND county_code = $3")
                .execute(Tuple.from(new Object[] {memberId, id, county, name, labour, health, schooling,
                    mainEarner})))
            .compose(rows -> {
              if (rows.rowCount() == 0) {
                throw Problem.notFound("成员不存在 / No such member in this household: " + memberId);
              }
              return history.record(conn, id, county, Http.actor(rc), "member-changed", changes);
            })
            .compose(v -> name != null ? conn.preparedQuery("UPDATE monitoring.household h SET head_name = m.name"
                + " FROM monitoring.member m WHERE m.id = $1 AND m.relation = '户主' AND h.id = m.household_id")
                .execute(Tuple.of(memberId)).mapEmpty() : Future.succeededFuture())
            .compose(v -> Households.load(conn, county, id))
            .map(json -> new Audited<>(json, AuditEntry.of("change-member", "household", id))))
        .onSuccess(json -> Answers.json(rc, 200, json))
        .onFailure(rc::fail);
  }
}
