package cn.zhenxing.plugins.monitoring.procedure;

import java.util.List;

/** The fixed order of the procedures' steps: one may only record the next one. */
final class Steps {

  static final String HOUSEHOLD_CHECK = "household-check";
  static final String VILLAGE_ASSESSMENT = "village-assessment";
  static final String PUBLIC_NOTICE = "public-notice";
  static final String TOWNSHIP_REVIEW = "township-review";
  static final String COUNTY_DECISION = "county-decision";

  static final String IDENTIFICATION = "identification";
  static final String ELIMINATION = "elimination";
  static final List<String> KINDS = List.of(IDENTIFICATION, ELIMINATION);

  /** 识别认定: 农户申请/入户核实（授权） → 村评议 → 村公示 → 乡镇审核 → 县级确定. */
  private static final List<String> IDENTIFY = List.of(HOUSEHOLD_CHECK, VILLAGE_ASSESSMENT, PUBLIC_NOTICE,
      TOWNSHIP_REVIEW, COUNTY_DECISION);
  /** 风险消除: 村评议 → 村公示 → 县级审批. */
  private static final List<String> ELIMINATE = List.of(VILLAGE_ASSESSMENT, PUBLIC_NOTICE, COUNTY_DECISION);

  private Steps() {
  }

  static List<String> of(String kind) {
    return IDENTIFICATION.equals(kind) ? IDENTIFY : ELIMINATE;
  }

  static String first(String kind) {
    return of(kind).get(0);
  }

  /** The step after {@code step}; null after the last. */
  static String after(String kind, String step) {
    List<String> steps = of(kind);
    int i = steps.indexOf(step);
    return i + 1 < steps.size() ? steps.get(i + 1) : null;
  }
}
