package cn.zhenxing.plugins.safety.hazard;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;

/** A hazard as the API shows it. */
final class HazardView {

  /** The select list for {@link #of}: hazard {@code h} joined to its enterprise {@code e}. */
  static final String COLUMNS = "h.id, h.county_code, h.code, h.enterprise_id, e.name AS enterprise_name, h.found_on,"
      + " h.found_by, h.description, h.level, h.responsible_person, h.plan, h.deadline, h.status, h.overdue,"
      + " h.overdue_since, h.evidence, h.rectified_on, h.reported_by, h.reported_by_name, h.verified_by_name,"
      + " h.verifier_note, h.verified_on, h.demo";
  static final String FROM = "safety.hazard h JOIN safety.enterprise e ON e.id = h.enterprise_id";

  private HazardView() {
  }

  static JsonObject of(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("county", r.getString("county_code"))
        .put("code", r.getString("code")).put("enterpriseId", r.getLong("enterprise_id"))
        .put("enterpriseName", r.getString("enterprise_name")).put("foundOn", date(r, "found_on"))
        .put("foundBy", r.getString("found_by")).put("description", r.getString("description"))
        .put("level", r.getString("level")).put("responsiblePerson", r.getString("responsible_person"))
        .put("plan", r.getString("plan")).put("deadline", date(r, "deadline")).put("status", r.getString("status"))
        .put("overdue", r.getBoolean("overdue")).put("overdueSince", date(r, "overdue_since"))
        .put("evidence", r.getString("evidence")).put("rectifiedOn", date(r, "rectified_on"))
        .put("reportedBy", r.getString("reported_by_name")).put("verifiedBy", r.getString("verified_by_name"))
        .put("verifierNote", r.getString("verifier_note")).put("verifiedOn", date(r, "verified_on"))
        .put("demo", r.getBoolean("demo"));
  }

  private static String date(Row r, String column) {
    LocalDate d = r.getLocalDate(column);
    return d == null ? null : d.toString();
  }
}
