package cn.zhenxing.testkit.personal;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import cn.zhenxing.sdk.audit.AuditEntry;
import cn.zhenxing.sdk.audit.AuditLog.Audited;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.http.Requests;
import cn.zhenxing.sdk.personal.PersonalData;
import cn.zhenxing.sdk.personal.Sealed;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * A tiny in-process plugin using the personal-data facility the way a real programme should:
 *
 * <ul>
 *   <li>{@code POST /api/v1/people/counties/:county/people} {@code {"name", "idNumber", "phone"?}}: seals the numbers,
 *       stores cipher, blind index and masked form, answers only the masked forms (409 for an ID-card number already
 *       on file, through the unique index on the blind index);</li>
 *   <li>{@code POST .../people/lookup} {@code {"idNumber"}}: finds people by exact number through the blind index
 *       (a POST so that the number never appears in a URL, which the access log records);</li>
 *   <li>{@code GET .../people/:id}: one person, masked;</li>
 *   <li>{@code POST .../people/:id/id-number/reveal} {@code {"reason"}}: the full number, for holders of
 *       {@code people.person.reveal} only, audited.</li>
 * </ul>
 */
public final class PeoplePlugin implements ZhenxingPlugin {

  public static final String ID = "people";

  private Pool pool;
  private PluginContext ctx;
  private PersonalData personal;
  private String revealPermission;

  @Override
  public void register(PluginContext context) {
    this.ctx = context;
    this.pool = context.pool();
    this.personal = context.personalData();
    this.revealPermission = context.permissions().declare("person.reveal",
        "查看完整身份证号 / Reveal full ID-card numbers");
    context.http().county().post("/people").handler(this::create);
    context.http().county().post("/people/lookup").handler(this::lookup);
    context.http().county().get("/people/:id").handler(this::get);
    context.http().county().post("/people/:id/id-number/reveal")
        .handler(context.permissions().require(revealPermission))
        .handler(this::reveal);
  }

  private void create(RoutingContext rc) {
    County county = Requests.county(rc);
    JsonObject body = Requests.jsonBody(rc);
    String name = body.getValue("name") instanceof String s && !s.isBlank() ? s : null;
    if (name == null) {
      throw Problem.invalid("name", "必须为非空字符串 / must be a non-empty string");
    }
    Sealed id = personal.sealIdCard("idNumber", string(body, "idNumber"));
    Sealed phone = body.getValue("phone") == null ? null : personal.sealPhone("phone", string(body, "phone"));
    ctx.audit().<Long>inTransaction(rc, conn -> conn
            .preparedQuery("INSERT INTO people.person (county_code, name, id_cipher, id_index, id_masked, "
                + "phone_cipher, phone_index, phone_masked) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
            .execute(Tuple.of(county.code(), name, id.cipher(), id.blindIndex(), id.masked(),
                phone == null ? null : phone.cipher(), phone == null ? null : phone.blindIndex(),
                phone == null ? null : phone.masked()))
            .map(rows -> {
              long newId = rows.iterator().next().getLong("id");
              return new Audited<>(newId, AuditEntry.of("create", "person", newId));
            }))
        .onSuccess(newId -> json(rc, 201, new JsonObject().put("id", newId).put("county", county.code())
            .put("name", name).put("idNumber", id.masked()).put("phone", phone == null ? null : phone.masked())))
        .onFailure(rc::fail);
  }

  private void lookup(RoutingContext rc) {
    County county = Requests.county(rc);
    String index = personal.idCardIndex("idNumber", string(Requests.jsonBody(rc), "idNumber"));
    pool.preparedQuery("SELECT * FROM people.person WHERE id_index = $1 AND county_code = $2 ORDER BY id")
        .execute(Tuple.of(index, county.code()))
        .onSuccess(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(r -> items.add(view(r)));
          json(rc, 200, new JsonObject().put("items", items));
        })
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    County county = Requests.county(rc);
    pool.preparedQuery("SELECT * FROM people.person WHERE id = $1 AND county_code = $2")
        .execute(Tuple.of(id(rc), county.code()))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            rc.fail(Problem.notFound("人员不存在 / Person not found"));
          } else {
            json(rc, 200, view(rows.iterator().next()));
          }
        })
        .onFailure(rc::fail);
  }

  private void reveal(RoutingContext rc) {
    County county = Requests.county(rc);
    long id = id(rc);
    JsonObject body = rc.body() == null || rc.body().length() == 0 ? new JsonObject() : Requests.jsonBody(rc);
    String reason = body.getValue("reason") instanceof String s ? s : null;
    pool.withTransaction(conn -> conn
            .preparedQuery("SELECT id_cipher FROM people.person WHERE id = $1 AND county_code = $2")
            .execute(Tuple.of(id, county.code()))
            .compose(rows -> rows.size() == 0
                ? Future.<String>failedFuture(Problem.notFound("人员不存在 / Person not found"))
                : personal.reveal(conn, rc, revealPermission, rows.iterator().next().getString("id_cipher"),
                    "person", String.valueOf(id), reason)))
        .onSuccess(full -> json(rc, 200, new JsonObject().put("id", id).put("idNumber", full)))
        .onFailure(rc::fail);
  }

  private static JsonObject view(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("county", r.getString("county_code"))
        .put("name", r.getString("name")).put("idNumber", r.getString("id_masked"))
        .put("phone", r.getString("phone_masked"));
  }

  private static String string(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw Problem.invalid(field, "必须为字符串 / must be a string");
    }
    return (String) value;
  }

  private static long id(RoutingContext rc) {
    try {
      return Long.parseLong(rc.pathParam("id"));
    } catch (NumberFormatException e) {
      throw Problem.notFound("人员不存在 / Person not found");
    }
  }

  private static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
