package cn.zhenxing.plugins.monitoring.demo;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.personal.Sealed;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A synthetic population for the 11 counties, marked {@code demo = true} and numbered {@code DEMO-…}: households in
 * one generate_series statement (sizes weighted by the counties' rural population, ~85 % alleviated, ~5 % monitoring
 * objects, ~8 % relocated, incomes spread around the threshold), then members in chunks of 5,000 households. Members
 * are built here because their ID-card numbers must be sealed with the platform's key (cipher and blind index), which
 * SQL cannot do; each chunk goes in as one unnest insert. Scales to 1,000,000 households
 * ({@code plugins.monitoring.demo.households}).
 */
public final class DemoPopulation {

  private static final int CHUNK = 5000;
  /** Demo people are named as such, like the other plugins' demo rows, so nobody mistakes them for real ones. */
  static final String DEMO = "【演示】";
  private static final String[] GIVEN = {"建国", "秀英", "桂兰", "志强", "玉梅", "海平", "二虎", "春花", "晋生", "润莲",
      "保平", "丽萍", "永红", "国庆", "文明", "爱萍", "俊峰", "小军", "晓燕", "宏伟"};

  /**
   * The counties and their shares of the demo population in per cent (about their rural population), in the order of
   * the cumulative ranges household i falls into by {@code (i × 37) mod 100}.
   */
  private static final String[] COUNTIES = {"140702", "140703", "140721", "140722", "140723", "140724", "140725",
      "140727", "140728", "140729", "140781"};
  private static final int[] SHARES = {6, 8, 12, 12, 11, 9, 11, 7, 9, 8, 7};

  private final PluginContext ctx;
  private final int households;

  public DemoPopulation(PluginContext ctx, int households) {
    this.ctx = ctx;
    this.households = households;
  }

  /**
   * The county of the i-th generated household (1-based; its id is the first generated id + i − 1, as one statement
   * inserts them in order): lets a benchmark address households without reading them back.
   */
  public static String countyOf(long i) {
    return countyAt((int) ((i * 37) % 100));
  }

  /** The county whose range holds {@code p} = (i × 37) mod 100, 0–99. */
  public static String countyAt(int p) {
    int upTo = 0;
    for (int c = 0; c < COUNTIES.length; c++) {
      upTo += SHARES[c];
      if (p < upTo) {
        return COUNTIES[c];
      }
    }
    throw new IllegalStateException("shares do not add up to 100");
  }

  /** {@code ('140702', 0, 6), ('140703', 6, 14), …}: each county's [lo, hi) range of (i × 37) mod 100. */
  private static String shareRows() {
    StringBuilder rows = new StringBuilder();
    int lo = 0;
    for (int c = 0; c < COUNTIES.length; c++) {
      rows.append(c == 0 ? "" : ", ").append("('").append(COUNTIES[c]).append("', ").append(lo).append(", ")
          .append(lo + SHARES[c]).append(')');
      lo += SHARES[c];
    }
    return rows.toString();
  }

  public Future<Void> insert(SqlConnection conn) {
    java.time.OffsetDateTime now = ctx.clock().instant().atOffset(ZoneOffset.UTC);
    LocalDate today = LocalDate.now(ctx.clock());
    return conn.preparedQuery("WITH c(code, lo, hi) AS (VALUES " + shareRows() + "),"
            + " g AS (SELECT i, (i * 37) % 100 AS p FROM generate_series(1, $1) i),"
            + " ins AS (INSERT INTO monitoring.household (county_code, township, village, household_no, head_name,"
            + "   category, monitoring_type, risk_state, relocated, resettlement_community, income_per_capita,"
            + "   income_from, income_to, monitored_since, demo, created_at, updated_at)"
            + " SELECT c.code,"
            + "   (ARRAY['城关镇','东阳镇','西河乡','南庄镇','北岭乡','石门乡','云竹镇','马坊乡'])[1 + i % 8],"
            + "   (ARRAY['王家庄村','李家沟村','张庄村','上营村','下庄村','后沟村','前进村','红岩村','柳树湾村',"
            + "     '杏花村','石板沟村','东坡村'])[1 + (i / 8) % 12],"
            + "   'DEMO-' || c.code || '-' || lpad(i::text, 7, '0'),"
            + "   '" + DEMO + "' || (ARRAY['王','李','张','刘','赵','郭','杨','武','程','贾','田','韩'])[1 + i % 12]"
            + "     || (ARRAY['建国','志强','海平','晋生','保平','国庆','文明','俊峰','宏伟','二虎'])[1 + (i / 12) % 10],"
            + "   CASE WHEN i % 100 < 85 THEN '脱贫户' ELSE '一般农户' END,"
            + "   CASE WHEN i % 20 = 0 THEN (ARRAY['脱贫不稳定户','边缘易致贫户','突发严重困难户'])[1 + (i / 20) % 3] END,"
            + "   CASE WHEN i % 20 = 0 THEN 'monitored' ELSE 'normal' END,"
            + "   i % 100 BETWEEN 40 AND 47,"
            + "   CASE WHEN i % 100 BETWEEN 40 AND 47 THEN (ARRAY['幸福家园','振兴小区','安居苑'])[1 + i % 3] END,"
            + "   6500 + (i::bigint * 7919) % 14000,"
            + "   date_trunc('year', $2::date - interval '1 year')::date,"
            + "   (date_trunc('year', $2::date - interval '1 year') + interval '12 months - 1 day')::date,"
            + "   CASE WHEN i % 20 = 0 THEN $2::date - (30 + i % 300) END,"
            + "   true, $3, $3"
            + " FROM g JOIN c ON g.p >= c.lo AND g.p < c.hi ORDER BY i RETURNING id)"
            + " SELECT min(id) AS lo, max(id) AS hi FROM ins")
        .execute(Tuple.of(households, today, now))
        .compose(rows -> {
          Row r = rows.iterator().next();
          if (r.getValue("lo") == null) {
            return Future.succeededFuture();
          }
          return members(conn, r.getLong("lo"), r.getLong("hi"), new IdNumbers());
        });
  }

  /** Members of the households with ids lo..hi, chunk after chunk. */
  private Future<Void> members(SqlConnection conn, long lo, long hi, IdNumbers ids) {
    if (lo > hi) {
      return Future.succeededFuture();
    }
    long to = Math.min(hi, lo + CHUNK - 1);
    return conn.preparedQuery("SELECT id, county_code, head_name FROM monitoring.household WHERE id BETWEEN $1 AND $2"
            + " AND demo ORDER BY id")
        .execute(Tuple.of(lo, to))
        .compose(rows -> {
          List<Row> list = new ArrayList<>();
          rows.forEach(list::add);
          return ctx.vertx().executeBlocking(() -> build(list, ids));
        })
        .compose(batch -> conn.preparedQuery("INSERT INTO monitoring.member (household_id, county_code, name, id_cipher,"
                + " id_index, id_masked, relation, birth_date, labour, health, schooling, main_earner, demo)"
                + " SELECT *, true FROM unnest($1::bigint[], $2::char(6)[], $3::text[], $4::text[], $5::text[],"
                + " $6::text[], $7::text[], $8::date[], $9::text[], $10::text[], $11::text[], $12::boolean[])")
            .execute(batch.tuple()))
        .compose(v -> members(conn, to + 1, hi, ids));
  }

  private Batch build(List<Row> households, IdNumbers ids) {
    Batch b = new Batch();
    for (Row h : households) {
      long id = h.getLong("id");
      String county = h.getString("county_code");
      String head = h.getString("head_name");
      String surname = DEMO + head.charAt(DEMO.length());
      int adults = id % 10 < 7 ? 2 : 1;
      int children = (int) (id % 4);
      b.add(id, county, head, ids.next(county, true), "户主", ids.lastBirth, id % 9 == 0 ? "弱劳动力" : "普通劳动力",
          id % 11 == 0 ? "长期慢性病" : "健康", "非在校生", true);
      if (adults == 2) {
        b.add(id, county, surname + GIVEN[(int) (id % GIVEN.length)], ids.next(county, true), "配偶", ids.lastBirth,
            id % 13 == 0 ? "无劳动力" : "普通劳动力", id % 17 == 0 ? "患有大病" : "健康", "非在校生", false);
      }
      for (int c = 0; c < children; c++) {
        b.add(id, county, surname + GIVEN[(int) ((id + c * 7 + 3) % GIVEN.length)], ids.next(county, false), "子女",
            ids.lastBirth, "无劳动力", "健康", c % 2 == 0 ? "在校生" : "学龄前", false);
      }
    }
    return b;
  }

  /** Valid, unique ID-card numbers: county + birth date + sequence + check digit, one counter per county and role. */
  private final class IdNumbers {
    private static final LocalDate ADULT_FROM = LocalDate.of(1955, 1, 1);
    private static final LocalDate CHILD_FROM = LocalDate.of(2006, 1, 1);
    private static final int ADULT_SPAN = 30 * 365;
    private static final int CHILD_SPAN = 17 * 365;
    private final Map<String, Integer> counters = new HashMap<>();
    LocalDate lastBirth;

    Sealed next(String county, boolean adult) {
      int n = counters.merge(county + adult, 1, Integer::sum);
      int span = adult ? ADULT_SPAN : CHILD_SPAN;
      // A stride coprime with the span spreads consecutive people over the years instead of one per day.
      lastBirth = (adult ? ADULT_FROM : CHILD_FROM).plusDays((long) (n * 7919L) % span);
      String seq = String.format("%03d", (n / span) % 1000);
      String body = county + lastBirth.toString().replace("-", "") + seq;
      return ctx.personalData().sealIdCard("idNumber", body + check(body));
    }
  }

  static char check(String body) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body.charAt(i) - '0') * weights[i];
    }
    return "10X98765432".charAt(sum % 11);
  }

  /** One chunk's columns, as the unnest insert takes them. */
  private static final class Batch {
    final List<Long> household = new ArrayList<>();
    final List<String> county = new ArrayList<>();
    final List<String> name = new ArrayList<>();
    final List<String> cipher = new ArrayList<>();
    final List<String> index = new ArrayList<>();
    final List<String> masked = new ArrayList<>();
    final List<String> relation = new ArrayList<>();
    final List<LocalDate> birth = new ArrayList<>();
    final List<String> labour = new ArrayList<>();
    final List<String> health = new ArrayList<>();
    final List<String> schooling = new ArrayList<>();
    final List<Boolean> earner = new ArrayList<>();

    void add(long h, String c, String n, Sealed id, String rel, LocalDate b, String lab, String hea, String sch,
        boolean e) {
      household.add(h);
      county.add(c);
      name.add(n);
      cipher.add(id.cipher());
      index.add(id.blindIndex());
      masked.add(id.masked());
      relation.add(rel);
      birth.add(b);
      labour.add(lab);
      health.add(hea);
      schooling.add(sch);
      earner.add(e);
    }

    Tuple tuple() {
      return Tuple.of(household.toArray(Long[]::new), county.toArray(String[]::new), name.toArray(String[]::new),
          cipher.toArray(String[]::new), index.toArray(String[]::new), masked.toArray(String[]::new),
          relation.toArray(String[]::new), birth.toArray(LocalDate[]::new), labour.toArray(String[]::new),
          health.toArray(String[]::new), schooling.toArray(String[]::new), earner.toArray(Boolean[]::new));
    }
  }
}
