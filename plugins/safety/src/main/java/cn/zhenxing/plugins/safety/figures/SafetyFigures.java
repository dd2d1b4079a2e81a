package cn.zhenxing.plugins.safety.figures;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.metrics.PluginMetrics;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plugin's figures per county, published as {@code zx_safety_<figure>{county}} gauges: hazards by level and
 * status, overdue and escalated, the rectification rate, the current campaign's activity targets and progress,
 * trainees, cards, the outsourcing investigation, the quiz and the education events. Each target is published beside
 * its actual ({@code activity_target} / {@code activity_done}, {@code hazards_found} / {@code hazards_rectified}) so
 * the city sees progress per county.
 *
 * <p>The gauges are refreshed one by one; all of them are read by a handful of grouped queries, run once and shared
 * by the gauges refreshed within a second.
 */
public final class SafetyFigures {

  /** Figure name → description, in the order they are registered. */
  static final Map<String, String> FIGURES = new LinkedHashMap<>();

  static {
    FIGURES.put("enterprises", "登记企业数 / Enterprises registered");
    FIGURES.put("key_enterprises", "重点企业数 / Key enterprises");
    FIGURES.put("hazards_found", "隐患总数 / Hazards found");
    FIGURES.put("hazards_general_found", "一般隐患数 / General hazards found");
    FIGURES.put("hazards_major_found", "重大隐患数 / Major hazards found");
    FIGURES.put("hazards_open", "待整改 / Hazards open");
    FIGURES.put("hazards_rectifying", "整改中 / Hazards being rectified");
    FIGURES.put("hazards_rectified", "已整改（含已验收） / Hazards rectified (incl. verified)");
    FIGURES.put("hazards_verified", "已验收销号 / Hazards verified and closed");
    FIGURES.put("hazards_general_rectified", "一般隐患已整改 / General hazards rectified");
    FIGURES.put("hazards_major_rectified", "重大隐患已整改 / Major hazards rectified");
    FIGURES.put("hazards_general_overdue", "一般隐患逾期未改 / General hazards overdue, not rectified");
    FIGURES.put("hazards_major_overdue", "重大隐患逾期未改 / Major hazards overdue, not rectified");
    FIGURES.put("hazards_escalated", "逾期升级提醒次数 / Overdue escalations sent");
    FIGURES.put("rectification_rate_percent", "隐患整改率（%） / Rectification rate, percent");
    FIGURES.put("activity_target", "最新一届安全生产月活动目标数 / Activity targets of the latest campaign");
    FIGURES.put("activity_done", "最新一届安全生产月活动完成数 / Activity progress of the latest campaign");
    FIGURES.put("trainees", "危险作业培训人数 / Hazardous-work trainees");
    FIGURES.put("trainees_certified", "取得证书人数 / Trainees certified");
    FIGURES.put("risk_cards_issued", "岗位风险告知卡发放数 / Post risk notification cards issued");
    FIGURES.put("operation_cards_issued", "安全操作卡发放数 / Safety operation cards issued");
    FIGURES.put("outsourcing_inspected", "外包外租项目排查数 / Outsourced and leased projects inspected");
    FIGURES.put("outsourcing_violations", "发现违法违规项目数 / Projects found in violation");
    FIGURES.put("outsourcing_corrected", "纠正项目数 / Projects corrected");
    FIGURES.put("outsourcing_banned", "取缔项目数 / Projects banned");
    FIGURES.put("quiz_participants", "竞赛答题人数 / Quiz participants");
    FIGURES.put("quiz_average_score", "竞赛平均分 / Average quiz score");
    FIGURES.put("education_events", "学习教育活动场次 / Study and education events");
    FIGURES.put("education_participants", "学习教育参与人次 / Study and education participants");
  }

  private static final List<String> QUERIES = List.of(
      "SELECT county_code, count(*) AS enterprises, count(*) FILTER (WHERE key_enterprise) AS key_enterprises"
          + " FROM safety.enterprise GROUP BY county_code",
      "SELECT county_code, count(*) AS hazards_found,"
          + " count(*) FILTER (WHERE level = 'general') AS hazards_general_found,"
          + " count(*) FILTER (WHERE level = 'major') AS hazards_major_found,"
          + " count(*) FILTER (WHERE status = 'open') AS hazards_open,"
          + " count(*) FILTER (WHERE status = 'rectifying') AS hazards_rectifying,"
          + " count(*) FILTER (WHERE status IN ('rectified', 'verified')) AS hazards_rectified,"
          + " count(*) FILTER (WHERE status = 'verified') AS hazards_verified,"
          + " count(*) FILTER (WHERE level = 'general' AND status IN ('rectified', 'verified'))"
          + " AS hazards_general_rectified,"
          + " count(*) FILTER (WHERE level = 'major' AND status IN ('rectified', 'verified'))"
          + " AS hazards_major_rectified,"
          + " count(*) FILTER (WHERE level = 'general' AND overdue AND status IN ('open', 'rectifying'))"
          + " AS hazards_general_overdue,"
          + " count(*) FILTER (WHERE level = 'major' AND overdue AND status IN ('open', 'rectifying'))"
          + " AS hazards_major_overdue,"
          + " round(100.0 * count(*) FILTER (WHERE status IN ('rectified', 'verified')) / count(*), 1)"
          + " AS rectification_rate_percent"
          + " FROM safety.hazard GROUP BY county_code",
      "SELECT county_code, count(*) AS hazards_escalated FROM safety.escalation GROUP BY county_code",
      "SELECT p.county_code, sum(p.target_count) AS activity_target, sum(p.done_count) AS activity_done"
          + " FROM safety.activity_progress p JOIN safety.activity a ON a.id = p.activity_id"
          + " WHERE a.campaign_id = (SELECT id FROM safety.campaign ORDER BY year DESC LIMIT 1)"
          + " GROUP BY p.county_code",
      "SELECT county_code, count(*) AS trainees, count(certificate_no) AS trainees_certified"
          + " FROM safety.trainee GROUP BY county_code",
      "SELECT county_code, sum(copies) FILTER (WHERE card_type = 'risk_notification') AS risk_cards_issued,"
          + " sum(copies) FILTER (WHERE card_type = 'safety_operation') AS operation_cards_issued"
          + " FROM safety.card_issue GROUP BY county_code",
      "SELECT county_code, count(*) AS outsourcing_inspected, count(*) FILTER (WHERE violation)"
          + " AS outsourcing_violations, count(*) FILTER (WHERE outcome = 'corrected') AS outsourcing_corrected,"
          + " count(*) FILTER (WHERE outcome = 'banned') AS outsourcing_banned"
          + " FROM safety.outsourcing_inspection GROUP BY county_code",
      "SELECT county_code, count(*) AS quiz_participants, round(avg(score), 2) AS quiz_average_score"
          + " FROM safety.submission GROUP BY county_code",
      "SELECT county_code, count(*) AS education_events, sum(participants) AS education_participants"
          + " FROM safety.education_event GROUP BY county_code");

  private final Pool pool;
  private Future<Map<String, Map<String, Number>>> last;
  private long lastAt;

  public SafetyFigures(PluginContext ctx) {
    this.pool = ctx.pool();
  }

  /** Registers one county gauge per figure, and the hazards broken down by status and by level. */
  public void register(PluginMetrics metrics) {
    FIGURES.forEach((name, description) -> metrics.countyGauge(name, description,
        () -> current().map(all -> all.getOrDefault(name, Map.of()))));
    metrics.countyGauge("hazards_by_status", "隐患数（按整改状态） / Hazards by status", "status",
        () -> breakdown("status"));
    metrics.countyGauge("hazards_by_level", "隐患数（按等级） / Hazards by level", "level", () -> breakdown("level"));
  }

  /** Hazards per county and value of {@code column} (a fixed column name, never input). */
  private Future<Map<String, ? extends Map<String, ? extends Number>>> breakdown(String column) {
    return pool.query("SELECT county_code, " + column + " AS label, count(*) AS n FROM safety.hazard"
            + " GROUP BY county_code, " + column).execute()
        .map(rows -> {
          Map<String, Map<String, Long>> byCounty = new HashMap<>();
          rows.forEach(r -> byCounty.computeIfAbsent(r.getString("county_code"), c -> new HashMap<>())
              .put(r.getString("label"), r.getLong("n")));
          return byCounty;
        });
  }

  /** Every figure by county; queries shared by the calls of one second (a refresh reads all gauges at once). */
  synchronized Future<Map<String, Map<String, Number>>> current() {
    long now = System.nanoTime();
    if (last == null || now - lastAt > 1_000_000_000L || last.failed()) {
      lastAt = now;
      last = read();
    }
    return last;
  }

  private Future<Map<String, Map<String, Number>>> read() {
    List<Future<Map<String, Map<String, Number>>>> parts = new ArrayList<>();
    for (String sql : QUERIES) {
      parts.add(pool.query(sql).execute().map(SafetyFigures::byFigure));
    }
    return Future.all(parts).map(done -> {
      Map<String, Map<String, Number>> all = new HashMap<>();
      parts.forEach(p -> all.putAll(p.result()));
      return all;
    });
  }

  /** Each non-county column of the rows as a figure: column name → county → value (nulls left out). */
  private static Map<String, Map<String, Number>> byFigure(Iterable<Row> rows) {
    Map<String, Map<String, Number>> figures = new HashMap<>();
    for (Row row : rows) {
      String county = row.getString("county_code");
      for (int i = 0; i < row.size(); i++) {
        String column = row.getColumnName(i);
        if (!column.equals("county_code") && row.getValue(i) instanceof Number n) {
          figures.computeIfAbsent(column, c -> new HashMap<>()).put(county, n);
        }
      }
    }
    return figures;
  }
}
