package cn.zhenxing.plugins.ecommerce.demo;

import java.time.OffsetDateTime;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.personal.Sealed;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Demonstration data (only with {@code ZX_DEMO_DATA=true}), every row marked: {@code demo = true} and a 【演示】 name
 * prefix. Three e-towns per county (one accepted, one cultivating, one candidate; Taigu's first is the medicinal-herb
 * e-town the programme names as an example), 3–5 leaders each with one or two shops, twelve months of sales, 3–6
 * linked households per leader, two training sessions per county, and demo acceptance criteria and training targets.
 * Inserted set-based; only the ID-card numbers are sealed one by one (the key never leaves the core).
 */
public final class DemoData {

  /** A demo leading industry per county, in code order (Taigu's is the programme's own example). */
  private static final String[] INDUSTRIES = {"设施蔬菜", "中药材", "小米杂粮", "核桃", "牛肉", "仿真花", "玉米",
      "玻璃器皿", "平遥牛肉", "红枣", "面食"};
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "郭", "武", "乔",
      "冀", "梁", "郝"};
  private static final String[] GIVEN = {"丽", "强", "敏", "军", "芳", "伟", "娟", "磊", "燕", "鹏", "霞", "斌"};
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

  private final PluginContext ctx;

  public DemoData(PluginContext ctx) {
    this.ctx = ctx;
  }

  public Future<Void> insert(SqlConnection conn) {
    LocalDate today = LocalDate.now(ctx.clock().withZone(ctx.zone()));
    List<County> counties = ctx.counties().counties();
    String[] codes = counties.stream().map(County::code).toArray(String[]::new);
    String[] names = counties.stream().map(County::nameZh).toArray(String[]::new);
    String[] industries = new String[codes.length];
    for (int i = 0; i < codes.length; i++) {
      industries[i] = INDUSTRIES[i % INDUSTRIES.length];
    }
    return etowns(conn, codes, names, industries, today)
        .compose(etowns -> leaders(conn, etowns))
        .compose(v -> shopsAndSales(conn, today))
        .compose(v -> households(conn, today))
        .compose(v -> trainings(conn, today))
        .compose(v -> settingsOfTheCity(conn, codes, today));
  }

  /** Three e-towns per county: n = 1 accepted, 2 cultivating, 3 candidate. Answers (id, county) of each. */
  private Future<List<Row>> etowns(SqlConnection conn, String[] codes, String[] names, String[] industries,
      LocalDate today) {
    return conn.preparedQuery("""
            INSERT INTO ecommerce.etown (county_code, name, township, leading_industry, operator, status, listed_on,
                                         cultivating_since, accepted_on, funds_planned, funds_spent, demo,
                                         created_at, updated_at)
            SELECT c.code, '【演示】' || c.name || '第' || n || '乡村e镇', '【演示】' || c.name || '示范乡镇' || n,
                   CASE WHEN n = 1 THEN c.industry ELSE (ARRAY['电商服务', '农副产品', '乡村文旅'])[n] END,
                   '【演示】' || c.name || '电商运营有限公司',
                   (ARRAY['accepted', 'cultivating', 'candidate'])[n],
                   $4::date - 700 + n * 30,
                   CASE WHEN n < 3 THEN $4::date - 500 + n * 30 END,
                   CASE WHEN n = 1 THEN $4::date - 60 END,
                   (ARRAY[800000, 500000, 200000])[n], (ARRAY[760000, 310000, 0])[n], true, $5, $5
              FROM unnest($1::text[], $2::text[], $3::text[]) AS c(code, name, industry)
             CROSS JOIN generate_series(1, 3) AS n
            RETURNING id, county_code""")
        .execute(Tuple.tuple().addArrayOfString(codes).addArrayOfString(names).addArrayOfString(industries)
            .addLocalDate(today).addOffsetDateTime(OffsetDateTime.now(ctx.clock())))
        .map(rows -> {
          List<Row> list = new ArrayList<>();
          rows.forEach(list::add);
          return list;
        });
  }

  /** 3–5 leaders per e-town, with ID-card numbers of the county sealed here. */
  private Future<Void> leaders(SqlConnection conn, List<Row> etowns) {
    List<String> county = new ArrayList<>();
    List<Long> etown = new ArrayList<>();
    List<String> name = new ArrayList<>();
    List<Sealed> ids = new ArrayList<>();
    List<String> cohort = new ArrayList<>();
    int serial = 0;
    for (Row e : etowns) {
      int count = 3 + (int) (e.getLong("id") % 3);
      for (int i = 0; i < count; i++, serial++) {
        county.add(e.getString("county_code"));
        etown.add(e.getLong("id"));
        name.add("【演示】" + SURNAMES[serial % SURNAMES.length] + GIVEN[(serial / 3) % GIVEN.length]);
        ids.add(ctx.personalData().sealIdCard("idNumber", idNumber(e.getString("county_code"), 1975, serial)));
        cohort.add((2022 + serial % 3) + "年第" + (1 + serial % 2) + "期");
      }
    }
    return conn.preparedQuery("""
            INSERT INTO ecommerce.leader (county_code, etown_id, name, id_cipher, id_index, id_masked, cohort, demo,
                                          created_at, updated_at)
            SELECT * , true, $8, $8 FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[],
                                               $6::text[], $7::text[])""")
        .execute(Tuple.tuple().addArrayOfString(county.toArray(String[]::new))
            .addArrayOfLong(etown.toArray(Long[]::new))
            .addArrayOfString(name.toArray(String[]::new))
            .addArrayOfString(ids.stream().map(Sealed::cipher).toArray(String[]::new))
            .addArrayOfString(ids.stream().map(Sealed::blindIndex).toArray(String[]::new))
            .addArrayOfString(ids.stream().map(Sealed::masked).toArray(String[]::new))
            .addArrayOfString(cohort.toArray(String[]::new)).addOffsetDateTime(OffsetDateTime.now(ctx.clock())))
        .mapEmpty();
  }

  /** One shop per leader (two for every third), and twelve months of sales that grow for most shops. */
  private Future<Void> shopsAndSales(SqlConnection conn, LocalDate today) {
    LocalDate thisMonth = today.withDayOfMonth(1);
    return conn.preparedQuery("""
            INSERT INTO ecommerce.shop (county_code, leader_id, platform, name, opened_on, demo, created_at)
            SELECT l.county_code, l.id,
                   (ARRAY['taobao', 'pinduoduo', 'douyin', 'wechat', 'jd', 'other'])[1 + (l.id + k) % 6],
                   '【演示】' || substr(l.name, 5) || '的'
                     || (ARRAY['淘宝', '拼多多', '抖音', '微信', '京东', '社区'])[1 + (l.id + k) % 6] || '店',
                   $1::date - 800, true, $2
              FROM ecommerce.leader l CROSS JOIN generate_series(0, 1) AS k
             WHERE l.demo AND (k = 0 OR l.id % 3 = 0)""")
        .execute(Tuple.of(today, OffsetDateTime.now(ctx.clock())))
        .compose(v -> conn.preparedQuery("""
            INSERT INTO ecommerce.sales_report (county_code, shop_id, month, orders, sales_value, products_sold, late,
                                                demo, reported_at, updated_at)
            SELECT s.county_code, s.id, m::date, f.orders, f.orders * (40 + s.id % 60), f.orders * (1 + s.id % 3),
                   (s.id + extract(month FROM m)::int) % 9 = 0, true, $2, $2
              FROM ecommerce.shop s
             CROSS JOIN generate_series($1::date - interval '12 months', $1::date - interval '1 month',
                                        interval '1 month') AS m
             CROSS JOIN LATERAL (SELECT (50 + abs(hashtext(s.id || '/' || m::text)) % 250)
                                        * (100 + (s.id % 4) * extract(month FROM age($1::date, m))::int) / 100
                                        AS orders) f
             WHERE s.demo""")
            .execute(Tuple.of(thisMonth, OffsetDateTime.now(ctx.clock()))))
        .mapEmpty();
  }

  /** 3–6 households per leader, each by a sealed ID-card number of the leader's county. */
  private Future<Void> households(SqlConnection conn, LocalDate today) {
    return conn.query("SELECT id, county_code FROM ecommerce.leader WHERE demo ORDER BY id").execute()
        .compose(leaders -> {
          List<Long> leader = new ArrayList<>();
          List<String> county = new ArrayList<>();
          List<String> head = new ArrayList<>();
          List<Sealed> ids = new ArrayList<>();
          List<String> type = new ArrayList<>();
          List<String> income = new ArrayList<>();
          String[] types = {"purchase", "employment", "consignment"};
          int serial = 0;
          for (Row l : leaders) {
            int count = 3 + (int) (l.getLong("id") % 4);
            for (int i = 0; i < count; i++, serial++) {
              leader.add(l.getLong("id"));
              county.add(l.getString("county_code"));
              head.add("【演示】" + SURNAMES[(serial + 5) % SURNAMES.length] + "户");
              ids.add(ctx.personalData().sealIdCard("idNumber", idNumber(l.getString("county_code"), 1950, serial)));
              type.add(types[serial % 3]);
              income.add(String.valueOf(800 + (serial * 137) % 5200));
            }
          }
          return conn.preparedQuery("""
                  INSERT INTO ecommerce.linked_household (county_code, leader_id, head_name, person_cipher,
                                                          person_index, person_masked, village, link_type, linked_on,
                                                          income_gained, demo, created_at, updated_at)
                  SELECT county, leader, head, cipher, idx, masked, '【演示】示范村', type, $8::date - 300,
                         income::numeric, true, $9, $9
                    FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                                $10::text[]) AS x(county, leader, head, cipher, idx, masked, type, income)""")
              .execute(Tuple.tuple().addArrayOfString(county.toArray(String[]::new))
                  .addArrayOfLong(leader.toArray(Long[]::new)).addArrayOfString(head.toArray(String[]::new))
                  .addArrayOfString(ids.stream().map(Sealed::cipher).toArray(String[]::new))
                  .addArrayOfString(ids.stream().map(Sealed::blindIndex).toArray(String[]::new))
                  .addArrayOfString(ids.stream().map(Sealed::masked).toArray(String[]::new))
                  .addArrayOfString(type.toArray(String[]::new)).addLocalDate(today)
                  .addOffsetDateTime(OffsetDateTime.now(ctx.clock())).addArrayOfString(income.toArray(String[]::new)));
        })
        .mapEmpty();
  }

  /** Two sessions per county, held so far this year; about two leaders in three attended. */
  private Future<Void> trainings(SqlConnection conn, LocalDate today) {
    LocalDate newYear = today.withDayOfYear(1);
    long span = java.time.temporal.ChronoUnit.DAYS.between(newYear, today);
    LocalDate[] days = {newYear.plusDays(span / 3), newYear.plusDays(2 * span / 3)};
    return conn.preparedQuery("""
            INSERT INTO ecommerce.training (county_code, title, held_on, hours, organiser, demo, created_at)
            SELECT c.county_code, '【演示】' || (ARRAY['网店运营实务', '直播带货技能'])[n], ($1::date[])[n],
                   (ARRAY[8, 16])[n], '【演示】县电子商务公共服务中心', true, $2
              FROM (SELECT DISTINCT county_code FROM ecommerce.leader WHERE demo) c
             CROSS JOIN generate_series(1, 2) AS n""")
        .execute(Tuple.tuple().addArrayOfLocalDate(days).addOffsetDateTime(OffsetDateTime.now(ctx.clock())))
        .compose(v -> conn.query("""
            INSERT INTO ecommerce.attendance (training_id, leader_id, county_code)
            SELECT t.id, l.id, l.county_code FROM ecommerce.training t
              JOIN ecommerce.leader l ON l.county_code = t.county_code AND l.demo AND (l.id + t.id) % 3 <> 0
             WHERE t.demo""").execute())
        .mapEmpty();
  }

  /** Demo thresholds (marked in their note) and a training target per county for this year. */
  private Future<Void> settingsOfTheCity(SqlConnection conn, String[] codes, LocalDate today) {
    return conn.preparedQuery("""
            INSERT INTO ecommerce.acceptance_criterion (measure, threshold, active, note, updated_at) VALUES
              ('annual_online_sales', 1000000, true, '【演示】示例阈值，请按实际标准修改', $1),
              ('leaders', 3, true, '【演示】示例阈值，请按实际标准修改', $1),
              ('trained_leaders', 2, true, '【演示】示例阈值，请按实际标准修改', $1),
              ('linked_households', 10, true, '【演示】示例阈值，请按实际标准修改', $1)
            ON CONFLICT (measure) DO NOTHING""")
        .execute(Tuple.of(OffsetDateTime.now(ctx.clock())))
        .compose(v -> conn.preparedQuery("INSERT INTO ecommerce.training_target (county_code, year, leaders_trained,"
                + " updated_at) SELECT code, $2, 20, $3 FROM unnest($1::text[]) AS code ON CONFLICT DO NOTHING")
            .execute(Tuple.tuple().addArrayOfString(codes).addInteger(today.getYear())
                .addOffsetDateTime(OffsetDateTime.now(ctx.clock()))))
        .mapEmpty();
  }

  /** A valid ID-card number of the county, unique per serial. */
  static String idNumber(String county, int baseYear, int serial) {
    LocalDate birth = LocalDate.of(baseYear + serial % 25, 1 + serial % 12, 1 + serial % 28);
    String body = county + birth.toString().replace("-", "") + String.format("%03d", serial % 1000);
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body.charAt(i) - '0') * WEIGHTS[i];
    }
    return body + "10X98765432".charAt(sum % 11);
  }
}
