package cn.zhenxing.plugins.safety.hazard;

/** A hazard as the API shows it: the select list whose aliases are the answer's fields ({@code Rows.json}). */
final class HazardView {

  /** Hazard {@code h} joined to its enterprise {@code e}; the reporter and verifier by name. */
  static final String COLUMNS = "h.id, h.county_code AS county, h.code, h.enterprise_id, e.name AS enterprise_name,"
      + " h.found_on, h.found_by, h.description, h.level, h.responsible_person, h.plan, h.deadline, h.status,"
      + " h.overdue, h.overdue_since, h.evidence, h.rectified_on, h.reported_by_name AS reported_by,"
      + " h.verified_by_name AS verified_by, h.verifier_note, h.verified_on, h.demo";
  static final String FROM = "safety.hazard h JOIN safety.enterprise e ON e.id = h.enterprise_id";

  private HazardView() {
  }
}
