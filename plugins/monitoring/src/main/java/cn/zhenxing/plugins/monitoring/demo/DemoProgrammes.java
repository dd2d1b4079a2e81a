package cn.zhenxing.plugins.monitoring.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Demo rows of the issue #6 programmes over the demo population, each statement set-based and marked {@code demo}
 * (names and numbers prefixed 【演示】 / DEMO-): per county a 防返贫保险 policy covering about nine in ten of its
 * monitoring objects (so the uninsured warning and the coverage rate have something to show), the resettlement
 * communities the relocated demo households name with this year's five-good assessment, and this year's quarterly
 * joint meetings up to the current quarter with two decisions each (the older ones done, the latest open).
 */
public final class DemoProgrammes {

  private DemoProgrammes() {
  }

  public static Future<Void> insert(SqlConnection conn, Clock clock) {
    LocalDate today = LocalDate.now(clock);
    var now = clock.instant().atOffset(ZoneOffset.UTC);
    return conn.preparedQuery("WITH p AS (INSERT INTO monitoring.insurance_policy (county_code, kind, policy_no, insurer,"
            + "   starts_on, ends_on, premium, sum_insured, created_at, created_by, demo)"
            + " SELECT DISTINCT county_code, '防返贫保险', 'DEMO-FPB-' || county_code, '【演示】中国人寿晋中分公司',"
            + "   date_trunc('year', $1::date)::date, (date_trunc('year', $1::date) + interval '1 year - 1 day')::date,"
            + "   100, 50000, $2::timestamptz, 'demo', true FROM monitoring.household WHERE demo AND risk_state = 'monitored'"
            + " RETURNING id, county_code)"
            + " INSERT INTO monitoring.insurance_coverage (policy_id, household_id, county_code)"
            + " SELECT p.id, h.id, h.county_code FROM p JOIN monitoring.household h ON h.county_code = p.county_code"
            + " WHERE h.demo AND h.risk_state = 'monitored' AND abs(hashtext(h.household_no)) % 10 <> 0")
        .execute(Tuple.of(today, now))
        .compose(v -> conn.preparedQuery("WITH c AS (INSERT INTO monitoring.resettlement_community (county_code, name,"
                + "   township, planned_households, created_at, demo)"
                + " SELECT county_code, resettlement_community, min(township), count(*)::int, $2::timestamptz, true"
                + " FROM monitoring.household WHERE demo AND relocated GROUP BY 1, 2"
                + " ON CONFLICT (county_code, name) DO NOTHING RETURNING id, county_code)"
                + " INSERT INTO monitoring.five_good_assessment (county_code, community_id, year, party_building,"
                + "   employment, services, governance, civility, pass_score, passed, note, assessed_at, assessed_by)"
                + " SELECT county_code, id, extract(year FROM $1::date)::int, 85, 70 + id % 25, 82, 88, 80 + id % 10,"
                + "   80, 70 + id % 25 >= 80, '【演示】', $2::timestamptz, 'demo' FROM c")
            .execute(Tuple.of(today, now)))
        .compose(v -> conn.preparedQuery("WITH q AS (SELECT DISTINCT h.county_code, g.q FROM monitoring.household h,"
                + "   generate_series(1, extract(quarter FROM $1::date)::int) g(q) WHERE h.demo),"
                + " m AS (INSERT INTO monitoring.joint_meeting (county_code, year, quarter, held_on, title, departments,"
                + "   agenda, created_at, created_by, demo)"
                + " SELECT county_code, extract(year FROM $1::date)::int, q,"
                + "   least((date_trunc('year', $1::date) + (q - 1) * interval '3 months' + interval '20 days')::date,"
                + "     $1::date), '【演示】防止返贫联席会议（第' || q || '季度）',"
                + "   ARRAY['乡村振兴局','医保局','民政局','人社局','教育局','住建局','应急管理局','残联'],"
                + "   '通报季度监测序时进度；研判部门比对预警；部署防返贫保险参保', $2::timestamptz, 'demo', true FROM q"
                + " RETURNING id, held_on, quarter, county_code)"
                + " INSERT INTO monitoring.meeting_decision (meeting_id, county_code, content, owner, due_on, status,"
                + "   done_on, done_note)"
                + " SELECT m.id, m.county_code, d.content, d.owner, m.held_on + 30,"
                + "   CASE WHEN m.held_on + 30 < $1::date THEN 'done' ELSE 'open' END,"
                + "   CASE WHEN m.held_on + 30 < $1::date THEN m.held_on + 25 END,"
                + "   CASE WHEN m.held_on + 30 < $1::date THEN '【演示】已办结' END"
                + " FROM m CROSS JOIN (VALUES ('核实部门比对预警并完成入户走访', '乡村振兴局'),"
                + "   ('监测对象防返贫保险应保尽保', '医保局')) d(content, owner)")
            .execute(Tuple.of(today, now)))
        .mapEmpty();
  }
}
