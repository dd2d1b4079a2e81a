package cn.zhenxing.plugins.monitoring.signal;

/**
 * The one statement every signal goes through, whether one arrives from a route or a million from a department
 * batch: the rule set in force in the signal's year judges it (the thresholds are data in {@code rule_set}; which rule
 * a risk kind fires is here, once), warnings are raised with their SLA dates (one open per household and rule: a
 * second signal of the kind joins the open one, {@code already-warned}), warned households are marked and every
 * signal and warning written to the household's history.
 *
 * <p>Parameters: $1 province, $2 today, $3 now, $4 visit due, $5 settlement due, $6 actor; the pending rows' own
 * from $7. Signal ids are drawn before the rows are written so that a warning can name its signal within the same
 * statement (foreign keys are checked at its end).
 */
final class SignalStatement {

  /** The columns a pending SELECT yields, in this order. */
  static final String PENDING = "county_code, household_id, member_id, person_index, channel, department, risk_kind,"
      + " amount, description, source, source_ref, occurred_on, category, main_earner";

  private static final String ONE = "SELECT $7::char(6) AS county_code, $8::bigint AS household_id,"
      + " $9::bigint AS member_id, $10::text AS person_index, $11::text AS channel, $12::text AS department,"
      + " $13::text AS risk_kind, $14::numeric AS amount, $15::text AS description, $16::text AS source,"
      + " $17::text AS source_ref, $18::date AS occurred_on, $19::text AS category, $20::boolean AS main_earner";

  private static final String WORD = "CASE j.risk_kind WHEN 'illness' THEN '因病' WHEN 'schooling' THEN '因学'"
      + " WHEN 'disaster' THEN '因灾' WHEN 'accident' THEN '因意外事故' WHEN 'unemployment' THEN '失业'"
      + " WHEN 'income-drop' THEN '收入骤减' WHEN 'housing' THEN '住房安全' WHEN 'drinking-water' THEN '饮水安全'"
      + " ELSE '其他' END";

  /**
   * The rule a matched signal fires by its kind and amount, or null. A household-level unemployment signal counts as
   * the main earner's (the caller passes true); accident, housing, drinking water and other always fire "other".
   */
  private static final String RULE = "CASE WHEN p.household_id IS NULL OR rs.year IS NULL THEN NULL"
      + " WHEN p.risk_kind = 'illness' THEN CASE WHEN p.amount >= CASE WHEN p.category = '脱贫户'"
      + "   THEN rs.medical_threshold_alleviated ELSE rs.medical_threshold_other END THEN 'medical' END"
      + " WHEN p.risk_kind = 'schooling' THEN CASE WHEN p.amount >= rs.schooling_threshold THEN 'schooling' END"
      + " WHEN p.risk_kind = 'disaster' THEN CASE WHEN p.amount >= rs.disaster_loss_threshold THEN 'disaster' END"
      + " WHEN p.risk_kind = 'unemployment' THEN CASE WHEN p.main_earner THEN 'unemployment' END"
      + " WHEN p.risk_kind = 'income-drop' THEN CASE WHEN p.amount < rs.income_threshold THEN 'income' END"
      + " ELSE 'other' END";

  private static final String LEVEL = "CASE a.rule WHEN 'medical' THEN a.medical_level"
      + " WHEN 'schooling' THEN a.schooling_level WHEN 'disaster' THEN a.disaster_level"
      + " WHEN 'unemployment' THEN a.unemployment_level WHEN 'income' THEN a.income_level ELSE a.other_level END";

  /** The warning's words: amounts and thresholds, never a personal number. */
  private static final String DETAIL = "CASE WHEN a.threshold_rule IS NULL THEN '农户自主申报：' || a.word || '，待入户核实'"
      + " WHEN a.rule = 'medical' THEN '医疗自付费用 ' || trim_scale(a.amount) || ' 元，达到' || a.category || '标准 '"
      + "   || trim_scale(CASE WHEN a.category = '脱贫户' THEN a.medical_threshold_alleviated"
      + "     ELSE a.medical_threshold_other END) || ' 元'"
      + " WHEN a.rule = 'schooling' THEN '教育支出 ' || trim_scale(a.amount) || ' 元，超过标准 '"
      + "   || trim_scale(a.schooling_threshold) || ' 元'"
      + " WHEN a.rule = 'disaster' THEN '灾害损失 ' || trim_scale(a.amount) || ' 元，达到标准 '"
      + "   || trim_scale(a.disaster_loss_threshold) || ' 元'"
      + " WHEN a.rule = 'unemployment' THEN '家庭主要劳动力失业'"
      + " WHEN a.rule = 'income' THEN '人均纯收入降至 ' || trim_scale(a.amount) || ' 元，低于监测范围 '"
      + "   || trim_scale(a.income_threshold) || ' 元'"
      + " ELSE '风险信号：' || a.word END";

  private SignalStatement() {
  }

  /** One signal from its 14 parameters ($7–$20); answers the signal, and the warning it raised with its place. */
  static String one() {
    return statement(ONE, false, null, "SELECT s.id AS signal_id, s.outcome, w.id AS warning_id, w.level, w.detail,"
        + " w.county_code, h.township, h.village FROM signals s LEFT JOIN raised w ON w.signal_id = s.id"
        + " LEFT JOIN monitoring.household h ON h.id = w.household_id");
  }

  /** A batch: only the signals that fire a rule are recorded; answers the counts. */
  static String batch(String pending, String also) {
    return statement(pending, true, also,
        "SELECT (SELECT count(*) FROM signals) AS signals, (SELECT count(*) FROM raised) AS warnings");
  }

  private static String statement(String pending, boolean firedOnly, String also, String answer) {
    return "WITH p AS MATERIALIZED (" + pending + "),"
        // the rule set in force in each year: the year's own, else the latest earlier year's
        + " rs AS (SELECT r.*, lead(r.year) OVER (ORDER BY r.year) AS next_year FROM monitoring.rule_set r"
        + "   WHERE r.province = $1),"
        + " j AS (SELECT p.*, rs.*, " + RULE + " AS threshold_rule FROM p LEFT JOIN rs"
        + "   ON extract(year FROM p.occurred_on) >= rs.year"
        + "   AND (rs.next_year IS NULL OR extract(year FROM p.occurred_on) < rs.next_year)),"
        // a household's own declaration is always checked by a visit, even below every threshold
        + " k AS (SELECT j.*, " + WORD + " AS word, coalesce(j.threshold_rule, CASE WHEN j.household_id IS NOT NULL"
        + "   AND j.year IS NOT NULL AND j.channel = '自主申报' THEN 'other' END) AS rule FROM j),"
        + " a AS MATERIALIZED (SELECT nextval('monitoring.signal_id_seq') AS sid, k.* FROM k"
        + (firedOnly ? " WHERE k.rule IS NOT NULL" : "") + "),"
        + " raised AS (INSERT INTO monitoring.warning (county_code, household_id, signal_id, rule, level, state, detail,"
        + "   raised_on, raised_at, visit_due, settle_due)"
        + "   SELECT a.county_code, a.household_id, a.sid, a.rule, " + LEVEL + ", 'open', " + DETAIL + ", $2, $3, $4, $5"
        + "   FROM a WHERE a.rule IS NOT NULL ORDER BY a.sid"
        + "   ON CONFLICT (household_id, rule) WHERE state <> 'settled' DO NOTHING"
        + "   RETURNING id, county_code, household_id, signal_id, rule, level, detail),"
        + " signals AS (INSERT INTO monitoring.signal (id, county_code, household_id, member_id, person_index, channel,"
        + "   department, risk_kind, amount, description, source, source_ref, occurred_on, received_at, outcome)"
        + "   SELECT a.sid, a.county_code, a.household_id, a.member_id, a.person_index, a.channel, a.department,"
        + "     a.risk_kind, a.amount, a.description, a.source, a.source_ref, a.occurred_on, $3,"
        + "     CASE WHEN a.household_id IS NULL THEN 'unmatched' WHEN a.rule IS NULL THEN 'below-threshold'"
        + "       WHEN a.sid IN (SELECT signal_id FROM raised) THEN 'warned' ELSE 'already-warned' END"
        + "   FROM a ORDER BY a.sid RETURNING id, county_code, household_id, channel, risk_kind, outcome),"
        + " marked AS (UPDATE monitoring.household h SET risk_state = 'warned'"
        + "   WHERE h.id IN (SELECT household_id FROM raised) AND h.risk_state IN ('normal', 'eliminated')"
        + "   RETURNING h.id),"
        + " noted AS (INSERT INTO monitoring.household_history (household_id, county_code, at, actor, action, detail)"
        + "   SELECT household_id, county_code, $3, $6, 'signal', jsonb_build_object('signalId', id, 'channel', channel,"
        + "     'riskKind', risk_kind) FROM signals WHERE household_id IS NOT NULL"
        + "   UNION ALL SELECT household_id, county_code, $3, $6, 'warning-raised', jsonb_build_object('warningId', id,"
        + "     'rule', rule, 'level', level) FROM raised RETURNING 1)"
        + (also == null ? "" : ", " + also)
        + " " + answer;
  }
}
