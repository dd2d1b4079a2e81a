package cn.zhenxing.plugins.safety.demo;

import cn.zhenxing.plugins.safety.enterprise.CreditCode;
import cn.zhenxing.sdk.county.County;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Demonstration data (only with {@code ZX_DEMO_DATA=true}, once per database): for each of the 11 counties, 40
 * enterprises and their hazards over the last 120 days, outsourcing inspections, hazardous-work trainings, cards,
 * study events and progress on the latest campaign. Every row is marked {@code demo = true} and every name starts
 * with 【演示】, so nobody takes it for real data. Set-based inserts ({@code unnest}, {@code generate_series}).
 *
 * <p>Sizes and spreads: risk levels about 5 % major, 15 % high, 40 % general, 40 % low; a quarter key enterprises;
 * 0–5 hazards per enterprise, one in ten major; older hazards mostly rectified or verified, some open past their
 * deadline (marked overdue as if already escalated). No trainees and no quiz submissions: they would need personal
 * numbers, and demo data invents none.
 */
public final class DemoData {

  static final int ENTERPRISES_PER_COUNTY = 40;
  private static final String[] INDUSTRIES = {"制造业", "危险化学品", "建筑施工", "煤矿", "非煤矿山", "商贸", "交通运输",
      "食品加工"};

  private DemoData() {
  }

  public static Future<Void> insert(SqlConnection conn, List<County> counties, LocalDate day, OffsetDateTime now) {
    List<String> countyCodes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    List<String> industries = new ArrayList<>();
    for (County county : counties) {
      for (int i = 1; i <= ENTERPRISES_PER_COUNTY; i++) {
        String industry = INDUSTRIES[i % INDUSTRIES.length];
        String first17 = "91" + county.code() + String.format("MA%07d", 9_000_000 + i);
        countyCodes.add(county.code());
        names.add("【演示】" + county.nameZh() + industry + "企业" + i + "号有限公司");
        codes.add(first17 + CreditCode.checkCharacter(first17));
        industries.add(industry);
      }
    }
    return conn.preparedQuery("INSERT INTO safety.enterprise (county_code, name, credit_code, industry, risk_level,"
            + " key_enterprise, township, demo, created_at, updated_at)"
            + " SELECT c, n, k, i, CASE WHEN o % 20 = 0 THEN 'major' WHEN o % 20 < 4 THEN 'high'"
            + " WHEN o % 20 < 12 THEN 'general' ELSE 'low' END, o % 4 = 0, '【演示】城关镇', true, $5, $5"
            + " FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t (c, n, k, i, o)"
            + " ON CONFLICT (credit_code) DO NOTHING")
        .execute(Tuple.of(countyCodes.toArray(String[]::new), names.toArray(String[]::new),
            codes.toArray(String[]::new), industries.toArray(String[]::new), now))
        .compose(v -> conn.preparedQuery(HAZARDS).execute(Tuple.of(day, now)))
        .compose(v -> conn.preparedQuery(OTHERS).execute(Tuple.of(day, now)))
        .compose(v -> conn.preparedQuery(PROGRESS).execute(Tuple.of(now)))
        .mapEmpty();
  }

  /** 0-5 hazards per demo enterprise, found over the last 120 days. */
  private static final String HAZARDS = """
      WITH raw AS (
        SELECT e.id AS enterprise_id, e.county_code, g,
               $1::date - ((e.id * 7 + g * 13) % 120)::int AS found_on,
               ((e.id * 31 + g * 17) % 100)::int AS r
        FROM safety.enterprise e, generate_series(1, 5) g
        WHERE e.demo AND g <= e.id % 6
      ), h AS (
        SELECT *, found_on + (7 + r % 45) AS deadline, CASE WHEN r < 10 THEN 'major' ELSE 'general' END AS level,
               CASE WHEN found_on + (7 + r % 45) < $1::date - 20 THEN
                      CASE WHEN r % 10 < 6 THEN 'verified' WHEN r % 10 < 8 THEN 'rectified' ELSE 'rectifying' END
                    WHEN r % 3 = 0 THEN 'rectifying' ELSE 'open' END AS status
        FROM raw
      )
      INSERT INTO safety.hazard (county_code, code, enterprise_id, found_on, found_by, description, level,
        responsible_person, plan, deadline, status, overdue, overdue_since, evidence, rectified_on, verified_by_name,
        verified_on, demo, created_at, updated_at)
      SELECT county_code, 'YS-' || enterprise_id || '-' || g, enterprise_id, found_on,
             (ARRAY['self_inspection', 'department_inspection', 'media', 'report'])[1 + r % 4],
             '【演示】' || (ARRAY['动火作业现场未配备灭火器材', '有限空间作业未执行先通风后检测', '外包单位无相应资质',
               '消防通道堵塞', '特种作业人员无证上岗', '危化品储存超量'])[1 + r % 6],
             level, '【演示】负责人', CASE WHEN level = 'major' THEN '【演示】停产整改，聘请专家制定整改方案' END,
             deadline, status, status IN ('open', 'rectifying') AND deadline < $1::date,
             CASE WHEN status IN ('open', 'rectifying') AND deadline < $1::date THEN deadline + 1 END,
             CASE WHEN status IN ('rectified', 'verified') THEN '【演示】整改照片已存档' END,
             CASE WHEN status IN ('rectified', 'verified') THEN deadline - 2 END,
             CASE WHEN status = 'verified' THEN '【演示】核验人' END,
             CASE WHEN status = 'verified' THEN deadline END, true, $2, $2
      FROM h
      ON CONFLICT (county_code, code) DO NOTHING""";

  /** Outsourcing inspections, trainings, cards and study events per county. */
  private static final String OTHERS = """
      WITH e AS (SELECT id, county_code, row_number() OVER (PARTITION BY county_code ORDER BY id) AS n
                 FROM safety.enterprise WHERE demo),
      o AS (
        INSERT INTO safety.outsourcing_inspection (county_code, enterprise_id, project, kind, contractor,
          inspected_on, inspector, findings, violation, outcome, outcome_on, demo, created_at)
        SELECT county_code, id, '【演示】外包外租项目' || n, CASE WHEN n % 3 = 0 THEN 'leased' ELSE 'outsourced' END,
               '【演示】承包单位' || n, $1::date - (n * 3)::int, '【演示】检查员',
               CASE WHEN n % 4 = 0 THEN '【演示】承包方无相应资质' END, n % 4 = 0,
               CASE WHEN n % 8 = 0 THEN 'banned' WHEN n % 4 = 0 AND n % 12 <> 4 THEN 'corrected' END,
               CASE WHEN n % 8 = 0 OR (n % 4 = 0 AND n % 12 <> 4) THEN $1::date - n::int END, true, $2
        FROM e WHERE n <= 16 RETURNING 1
      ), t AS (
        INSERT INTO safety.training (county_code, enterprise_id, work_type, title, held_on, place, trainer, demo,
          created_at)
        SELECT county_code, id, (ARRAY['hot_work', 'welding', 'electrical', 'confined_space'])[1 + n % 4],
               '【演示】动火作业风险我知道专题培训' || n, $1::date - (n * 5)::int, '【演示】县应急管理局培训室',
               '【演示】讲师', true, $2
        FROM e WHERE n <= 4 RETURNING 1
      ), c AS (
        INSERT INTO safety.card_issue (county_code, enterprise_id, card_type, post, copies, issued_on, demo,
          created_at)
        SELECT county_code, id, k, '【演示】电焊工', 5 + n % 20, $1::date - n::int, true, $2
        FROM e, unnest(ARRAY['risk_notification', 'safety_operation']) k WHERE n <= 20 RETURNING 1
      )
      INSERT INTO safety.education_event (county_code, type, title, held_on, place, participants, organizer,
        demo, created_at)
      SELECT county_code, ty, '【演示】' || label, $1::date - (length(label) * 2)::int, '【演示】县城广场',
             50 + (length(label) * 37 + ascii(right(county_code, 1))) % 500, '【演示】县安委会', true, $2
      FROM e, unnest(ARRAY['concentrated_study', 'five_take_the_lead', 'hot_work_publicity', 'warning_education',
        'emergency_five_ones', 'consultation_day', 'media_interview'], ARRAY['集中学习教育', '企业主要负责人五带头宣传',
        '动火作业风险我知道宣传', '安全生产事故警示教育', '应急科普五个一', '安全宣传咨询日现场活动', '晋安记者行集中采访'])
        AS x (ty, label)
      WHERE n = 1""";

  /** Each county's target and progress on the latest campaign's activities. */
  private static final String PROGRESS = """
      INSERT INTO safety.activity_progress (activity_id, county_code, target_count, done_count, note, updated_at)
      SELECT a.id, c.county_code, a.target_count + (a.ordinal + ascii(right(c.county_code, 1))) % 3,
             (a.ordinal * 7 + ascii(right(c.county_code, 1))) % (a.target_count + 3), '【演示】', $1
      FROM safety.activity a, (SELECT DISTINCT county_code FROM safety.enterprise WHERE demo) c
      WHERE a.campaign_id = (SELECT id FROM safety.campaign ORDER BY year DESC LIMIT 1)
      ON CONFLICT (activity_id, county_code) DO NOTHING""";
}
