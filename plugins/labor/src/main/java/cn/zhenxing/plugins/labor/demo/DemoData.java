package cn.zhenxing.plugins.labor.demo;

import cn.zhenxing.plugins.labor.demo.DemoPeople.Batch;
import cn.zhenxing.sdk.personal.PersonalData;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Demonstration data for the 11 counties, every row marked {@code demo} and every name prefixed 【演示】: labourers in
 * proportion to each county's target (8 % more people than jobs), about 93 % of them employed today — outside the
 * province in the county's target share, through brands, intermediaries, public-welfare jobs or on their own —,
 * earlier jobs that ended, two intermediaries, two courses with three sessions each and their trainees, and
 * 雨露计划+ graduates. All set-based: one statement per table.
 */
public final class DemoData {

  private final Vertx vertx;
  private final PersonalData personalData;
  private final LocalDate today;
  private final Instant now;
  private final double scale;

  public DemoData(Vertx vertx, PersonalData personalData, LocalDate today, Instant now, double scale) {
    this.vertx = vertx;
    this.personalData = personalData;
    this.today = today;
    this.now = now;
    this.scale = scale;
  }

  public Future<Void> insert(SqlConnection conn) {
    return conn.preparedQuery("SELECT county_code, employed_target FROM labor.county_target WHERE year = $1"
            + " ORDER BY county_code").execute(Tuple.of(today.getYear()))
        .compose(rows -> {
          Map<String, Integer> targets = new LinkedHashMap<>();
          for (Row r : rows) {
            targets.put(r.getString("county_code"), r.getInteger("employed_target"));
          }
          return vertx.executeBlocking(() -> seal(targets));
        })
        .compose(people -> labourers(conn, people[0]).compose(v -> graduates(conn, people[1])))
        .compose(v -> intermediaries(conn))
        .compose(v -> employments(conn))
        .compose(v -> training(conn));
  }

  /** [labourers, graduates]. */
  private Batch[] seal(Map<String, Integer> targets) {
    DemoPeople people = new DemoPeople(personalData);
    Batch labourers = new Batch();
    Batch graduates = new Batch();
    targets.forEach((county, target) -> {
      people.add(labourers, county, (int) Math.round(target * 1.08 * scale), LocalDate.of(1966, 1, 1), 12_000, 100);
      people.add(graduates, county, Math.max(3, (int) Math.round(target * 0.015 * scale)), LocalDate.of(2000, 1, 1),
          1_800, 500);
    });
    return new Batch[] {labourers, graduates};
  }

  private OffsetDateTime at() {
    return now.atOffset(ZoneOffset.UTC);
  }

  private Future<Void> labourers(SqlConnection conn, Batch b) {
    return conn.preparedQuery("""
            INSERT INTO labor.labourer (county_code, name, id_cipher, id_index, id_masked, township, village, skills,
                                        brand_id, demo, created_at)
            SELECT u.county, '【演示】' || (%s)[1 + u.n %% 20] || (%s)[1 + (u.n / 20) %% 24],
                   u.cipher, u.idx, u.masked,
                   (ARRAY['城关镇','东城乡','西山乡','南河镇','北岭乡','中川镇'])[1 + u.n %% 6],
                   (ARRAY['东村','西村','南庄村','北庄村','前进村','红旗村','新城村','河湾村','沟口村','坪上村'])
                     [1 + (u.n / 6) %% 10],
                   ARRAY[(ARRAY['建筑施工','餐饮服务','家政服务','电焊','驾驶','种植养殖','保洁','电工'])[1 + u.n %% 8]],
                   CASE WHEN u.n %% 4 = 0 THEN b.id END, true, $5
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
                 WITH ORDINALITY AS u(county, cipher, idx, masked, n)
            LEFT JOIN labor.brand b ON b.county_code = u.county AND b.seeded
            ON CONFLICT (id_index) DO NOTHING""".formatted(SURNAMES, GIVEN_NAMES))
        .execute(Tuple.of(b.county().toArray(String[]::new), b.cipher().toArray(String[]::new),
            b.index().toArray(String[]::new), b.masked().toArray(String[]::new), at()))
        .mapEmpty();
  }

  private Future<Void> graduates(SqlConnection conn, Batch b) {
    return conn.preparedQuery("""
            INSERT INTO labor.graduate (county_code, name, id_cipher, id_index, id_masked, township, village, school,
                                        major, graduation_year, placement_status, employer, help_given, demo,
                                        updated_at)
            SELECT u.county, '【演示】' || (%s)[1 + u.n %% 20] || (%s)[1 + (u.n / 20) %% 24],
                   u.cipher, u.idx, u.masked,
                   (ARRAY['城关镇','东城乡','西山乡','南河镇','北岭乡','中川镇'])[1 + u.n %% 6], '东村',
                   (ARRAY['晋中职业技术学院','山西工程职业学院','山西药科职业学院','太原旅游职业学院','晋中学院'])[1 + u.n %% 5],
                   (ARRAY['护理','机电一体化','电子商务','旅游管理','会计','计算机应用'])[1 + u.n %% 6],
                   $5 - (u.n %% 3)::int,
                   CASE WHEN u.n %% 25 < 3 THEN 'unemployed' WHEN u.n %% 25 < 5 THEN 'studying' ELSE 'employed' END,
                   CASE WHEN u.n %% 25 >= 5 THEN '【演示】用人单位' || (u.n %% 40 + 1) || '号' END,
                   CASE WHEN u.n %% 25 < 3 THEN '已推送岗位信息，待面试' ELSE '雨露计划补助、就业指导' END,
                   true, $6
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
                 WITH ORDINALITY AS u(county, cipher, idx, masked, n)
            ON CONFLICT (id_index) DO NOTHING""".formatted(SURNAMES, GIVEN_NAMES))
        .execute(Tuple.of(b.county().toArray(String[]::new), b.cipher().toArray(String[]::new),
            b.index().toArray(String[]::new), b.masked().toArray(String[]::new), today.getYear() - 1, at()))
        .mapEmpty();
  }

  private Future<Void> intermediaries(SqlConnection conn) {
    return conn.preparedQuery("""
            INSERT INTO labor.intermediary (county_code, name, licence_no, provinces, demo, created_at)
            SELECT t.county_code, '【演示】' || t.county_code || (ARRAY['人力资源服务有限公司','劳务派遣有限公司'])[k],
                   'DEMO-' || t.county_code || '-' || k,
                   CASE k WHEN 1 THEN ARRAY['北京市','天津市','河北省'] ELSE ARRAY['江苏省','浙江省','广东省'] END, true, $2
            FROM labor.county_target t CROSS JOIN generate_series(1, 2) AS k
            WHERE t.year = $1
            ON CONFLICT (county_code, name) DO NOTHING""")
        .execute(Tuple.of(today.getYear(), at())).mapEmpty();
  }

  /**
   * Today's jobs for about 93 % of the demo labourers (outside the province in the county's target share), and an
   * earlier, ended job for those without one today. Spread by a multiplicative hash of the id, not random(), so the
   * demo is the same on every install.
   */
  private Future<Void> employments(SqlConnection conn) {
    return conn.preparedQuery("""
            INSERT INTO labor.employment (county_code, labourer_id, employer, place, province, sector, start_date,
                                          end_date, monthly_income, found_via, intermediary_id, demo, created_at)
            SELECT j.county_code, j.id,
                   '【演示】' || coalesce(j.province, '') || j.sector || '用工单位' || (j.id % 37 + 1) || '号',
                   j.place, j.province, j.sector, j.start_date, j.end_date,
                   2600 + (j.id % 30) * 100 + CASE WHEN j.place = 'outside' THEN 1500 ELSE 0 END,
                   j.found_via, CASE WHEN j.found_via = 'intermediary' THEN j.intermediary_id END, true, $3
            FROM (
              SELECT l.id, l.county_code, h.employed,
                     CASE WHEN h.outside THEN 'outside' WHEN l.id % 2 = 0 THEN 'county' ELSE 'province' END AS place,
                     CASE WHEN h.outside THEN (ARRAY['北京市','天津市','河北省','江苏省','浙江省','广东省','内蒙古自治区',
                                                     '陕西省'])[1 + l.id % 8] END AS province,
                     (ARRAY['建筑业','制造业','住宿和餐饮业','居民服务业','交通运输业','批发和零售业'])[1 + l.id % 6] AS sector,
                     CASE WHEN h.employed THEN $1::date - (30 + (l.id % 700))::int
                          ELSE $1::date - (400 + (l.id % 300))::int END AS start_date,
                     CASE WHEN h.employed THEN NULL ELSE $1::date - (60 + (l.id % 340))::int END AS end_date,
                     CASE WHEN l.brand_id IS NOT NULL THEN 'brand'
                          WHEN l.id % 10 < 2 THEN 'intermediary'
                          WHEN l.id % 10 < 4 THEN 'public-welfare' ELSE 'self' END AS found_via,
                     (SELECT min(i.id) FROM labor.intermediary i WHERE i.county_code = l.county_code AND i.demo)
                       AS intermediary_id
              FROM labor.labourer l
              JOIN labor.county_target t ON t.county_code = l.county_code AND t.year = $2
              CROSS JOIN LATERAL (SELECT (l.id * 7919) % 1000 < 926 AS employed,
                                         (l.id * 7919) % 1000 < 926
                                           AND (l.id * 104729) % 1000 < 1000 * t.outside_target / t.employed_target
                                           AS outside) h
              WHERE l.demo
            ) j
            ON CONFLICT (labourer_id, employer, start_date) DO NOTHING""")
        .execute(Tuple.of(today, today.getYear(), at())).mapEmpty();
  }

  /** Per county a brand course (where the county has a brand) and a general one, three sessions each, 40 trainees. */
  private Future<Void> training(SqlConnection conn) {
    return conn.preparedQuery("""
            INSERT INTO labor.course (county_code, name, brand_id, hours, demo, created_at)
            SELECT b.county_code, '【演示】' || b.name || '技能培训', b.id, 100, true, $2::timestamptz
            FROM labor.brand b WHERE b.seeded
            UNION ALL
            SELECT t.county_code, '【演示】电焊工培训', NULL::bigint, 60, true, $2::timestamptz
            FROM labor.county_target t WHERE t.year = $1
            ON CONFLICT (county_code, name) DO NOTHING""")
        .execute(Tuple.of(today.getYear(), at()))
        .compose(v -> conn.preparedQuery("""
                INSERT INTO labor.training_session (county_code, course_id, starts_on, ends_on, place, capacity, demo,
                                                    created_at)
                SELECT c.county_code, c.id, $1::date - (90 * k + 20), $1::date - (90 * k + 6), '【演示】县职业技能培训中心',
                       50, true, $2
                FROM labor.course c CROSS JOIN generate_series(1, 3) AS k WHERE c.demo""")
            .execute(Tuple.of(today, at())))
        .compose(v -> conn.preparedQuery("""
                WITH s AS (SELECT id, county_code, ends_on,
                                  row_number() OVER (PARTITION BY county_code ORDER BY id) AS k
                           FROM labor.training_session WHERE demo),
                     l AS (SELECT id, county_code, row_number() OVER (PARTITION BY county_code ORDER BY id) AS k
                           FROM labor.labourer WHERE demo)
                INSERT INTO labor.trainee (county_code, session_id, labourer_id, completed_on, certificate_no,
                                           created_at)
                SELECT s.county_code, s.id, l.id,
                       CASE WHEN l.id % 7 <> 0 THEN s.ends_on END,
                       CASE WHEN l.id % 7 <> 0 AND l.id % 3 <> 0 THEN 'DEMO-' || s.id || '-' || l.id END, $1
                FROM s JOIN l ON l.county_code = s.county_code AND (l.k - 1) / 40 + 1 = s.k""")
            .execute(Tuple.of(at())))
        .mapEmpty();
  }

  private static final String SURNAMES = "ARRAY['王','李','张','刘','陈','杨','赵','黄','周','吴','郭','武','任','梁','田',"
      + "'韩','侯','范','贾','段']";
  private static final String GIVEN_NAMES = "ARRAY['建华','秀英','国强','丽娟','志刚','海燕','俊峰','玉兰','小军','红梅',"
      + "'永平','桂花','晓东','春燕','卫东','翠萍','宏伟','淑珍','文斌','金花','鹏飞','彩霞','瑞生','爱莲']";
}
