package cn.zhenxing.plugins.monitoring.household;

import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Reading households and members as the API shows them: ID-card numbers only masked. */
public final class Households {

  static final String COLUMNS = "h.id, h.county_code, h.township, h.village, h.household_no, h.head_name, h.category,"
      + " h.monitoring_type, h.risk_state, h.relocated, h.resettlement_community, h.income_per_capita, h.income_from,"
      + " h.income_to, h.monitored_since, h.eliminated_on, h.demo, h.created_at, h.updated_at";

  private Households() {
  }

  /** The household of this county, locked for the caller's transaction when {@code lock}; 404 otherwise. */
  public static Future<Row> find(SqlClient conn, String county, long id, boolean lock) {
    return conn.preparedQuery("SELECT " + COLUMNS + " FROM monitoring.household h WHERE h.id = $1 AND h.county_code = $2"
            + (lock ? " FOR UPDATE" : ""))
        .execute(Tuple.of(id, county))
        .map(rows -> {
          if (rows.size() == 0) {
            throw Problem.notFound("监测户不存在 / No such household in this county: " + id);
          }
          return rows.iterator().next();
        });
  }

  /** The household's members as a JSON array, the head first: one sub-select, so a GET is one round trip. */
  private static final String MEMBERS = "(SELECT coalesce(json_agg(json_build_object('id', m.id, 'name', m.name,"
      + " 'idNumberMasked', m.id_masked, 'relation', m.relation, 'birthDate', m.birth_date, 'labour', m.labour,"
      + " 'health', m.health, 'schooling', m.schooling, 'mainEarner', m.main_earner)"
      + " ORDER BY m.relation <> '户主', m.id), '[]') FROM monitoring.member m WHERE m.household_id = h.id) AS members";

  /** GET /households/{id}: public so that the benchmark runs the very same statement through pgbench. */
  public static final String BY_ID = "SELECT " + COLUMNS + ", " + MEMBERS
      + " FROM monitoring.household h WHERE h.id = $1 AND h.county_code = $2";

  /** The household with its members, as GET answers it; 404 for another county's. */
  public static Future<JsonObject> load(SqlClient conn, String county, long id) {
    return conn.preparedQuery(BY_ID)
        .execute(Tuple.of(id, county))
        .map(rows -> {
          if (rows.size() == 0) {
            throw Problem.notFound("监测户不存在 / No such household in this county: " + id);
          }
          Row r = rows.iterator().next();
          Object members = r.getValue("members");
          return toJson(r).put("members", members instanceof JsonArray a ? a : new JsonArray(String.valueOf(members)));
        });
  }

  public static JsonObject toJson(Row r) {
    BigDecimal income = r.getBigDecimal("income_per_capita");
    return new JsonObject().put("id", r.getLong("id")).put("county", r.getString("county_code"))
        .put("township", r.getString("township")).put("village", r.getString("village"))
        .put("householdNo", r.getString("household_no")).put("headName", r.getString("head_name"))
        .put("category", r.getString("category")).put("monitoringType", r.getString("monitoring_type"))
        .put("riskState", r.getString("risk_state")).put("relocated", r.getBoolean("relocated"))
        .put("resettlementCommunity", r.getString("resettlement_community"))
        .put("incomePerCapita", income == null ? null : income.toPlainString())
        .put("incomeFrom", text(r.getLocalDate("income_from"))).put("incomeTo", text(r.getLocalDate("income_to")))
        .put("monitoredSince", text(r.getLocalDate("monitored_since")))
        .put("eliminatedOn", text(r.getLocalDate("eliminated_on"))).put("demo", r.getBoolean("demo"))
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
        .put("updatedAt", r.getOffsetDateTime("updated_at").toInstant().toString());
  }

  private static String text(LocalDate d) {
    return d == null ? null : d.toString();
  }
}
