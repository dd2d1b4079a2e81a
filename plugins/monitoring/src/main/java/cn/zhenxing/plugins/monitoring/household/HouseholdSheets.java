package cn.zhenxing.plugins.monitoring.household;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.SheetCheck;
import cn.zhenxing.sdk.sheet.SheetExport;
import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.sdk.sheet.StagedRows;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The register as spreadsheets: 监测户 (households with their head, key 户编号) and 家庭成员 (members, key 身份证号).
 * Rows that clash with the register (an ID number registered in another household, an unknown household number)
 * are rejected by checks before the merge, naming row and column; each merge is then one set-based statement:
 * upsert, head members, income assessments and the history rows of every household touched.
 */
public final class HouseholdSheets {

  private final PluginContext ctx;

  public HouseholdSheets(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void register(String revealPermission) {
    String[] categories = Vocabulary.CATEGORIES.toArray(String[]::new);
    ctx.sheets().register(SheetSpec.of("households", "监测户")
            .column(Column.text("householdNo", "户编号").required().maxLength(30))
            .column(Column.text("township", "乡镇").required().maxLength(50))
            .column(Column.text("village", "行政村").required().maxLength(50))
            .column(Column.text("headName", "户主姓名").required().maxLength(30))
            .column(Column.idCard("headIdNumber", "户主身份证号").required())
            .column(Column.date("headBirthDate", "户主出生日期").required())
            .column(Column.text("category", "户类型").required().dictionary(categories))
            .column(Column.bool("relocated", "易地搬迁户"))
            .column(Column.text("resettlementCommunity", "安置社区").maxLength(60))
            .column(Column.decimal("incomePerCapita", "人均纯收入（元）").format("0.00"))
            .column(Column.date("incomeFrom", "收入起始月").note("某月 1 日；收入覆盖此后 12 个月"))
            .naturalKey("householdNo")
            .revealPermission(revealPermission)
            .check(SheetCheck.rejectWhere("EXISTS (SELECT 1 FROM monitoring.member m JOIN monitoring.household h"
                    + " ON h.id = m.household_id WHERE m.id_index = s.head_id_number_index AND NOT (h.county_code ="
                    + " s.county_code AND h.household_no = s.household_no AND m.relation = '户主'))", "headIdNumber",
                "该身份证号已登记在其他户或不是该户户主 / this ID number is registered in another household or not as its"
                    + " head"))
            .check(SheetCheck.rejectWhere("s.relocated AND s.resettlement_community IS NULL", "resettlementCommunity",
                "易地搬迁户必填安置社区 / required for a relocated household"))
            .check(SheetCheck.rejectWhere("(s.income_per_capita IS NULL) <> (s.income_from IS NULL)", "incomeFrom",
                "人均纯收入与收入起始月须同时填写 / income and its first month go together"))
            .check(SheetCheck.rejectWhere("extract(day FROM s.income_from) <> 1", "incomeFrom",
                "应为某月 1 日 / must be the first day of a month")),
        this::mergeHouseholds, this::exportHouseholds);
    ctx.sheets().register(SheetSpec.of("members", "家庭成员")
            .column(Column.text("householdNo", "户编号").required().maxLength(30))
            .column(Column.text("name", "姓名").required().maxLength(30))
            .column(Column.idCard("idNumber", "身份证号").required())
            .column(Column.text("relation", "与户主关系").required().dictionary(Vocabulary.RELATIONS.stream()
                .filter(r -> !Vocabulary.HEAD.equals(r)).toArray(String[]::new)))
            .column(Column.date("birthDate", "出生日期").required())
            .column(Column.text("labour", "劳动能力").required().dictionary(Vocabulary.LABOUR.toArray(String[]::new)))
            .column(Column.text("health", "健康状况").required().dictionary(Vocabulary.HEALTH.toArray(String[]::new)))
            .column(Column.text("schooling", "在校情况").required()
                .dictionary(Vocabulary.SCHOOLING.toArray(String[]::new)))
            .column(Column.bool("mainEarner", "主要劳动力"))
            .naturalKey("idNumber")
            .revealPermission(revealPermission)
            .check(SheetCheck.rejectWhere("NOT EXISTS (SELECT 1 FROM monitoring.household h WHERE h.county_code ="
                    + " s.county_code AND h.household_no = s.household_no)", "householdNo",
                "本县无此户编号，请先导入监测户 / no household with this number in the county; import households first"))
            .check(SheetCheck.rejectWhere("EXISTS (SELECT 1 FROM monitoring.member m JOIN monitoring.household h"
                    + " ON h.id = m.household_id WHERE m.id_index = s.id_number_index AND (m.relation = '户主'"
                    + " OR NOT (h.county_code = s.county_code AND h.household_no = s.household_no)))", "idNumber",
                "该身份证号已登记在其他户或为户主 / this ID number is registered in another household or as a head")),
        this::mergeMembers, this::exportMembers);
  }

  private Future<Long> mergeHouseholds(SqlConnection conn, StagedRows s) {
    String t = s.table();
    var now = ctx.clock().instant().atOffset(ZoneOffset.UTC);
    return conn.preparedQuery("WITH up AS (INSERT INTO monitoring.household (county_code, township, village,"
                + " household_no, head_name, category, relocated, resettlement_community, income_per_capita, income_from,"
                + " income_to, created_at, updated_at)"
                + " SELECT county_code, township, village, household_no, head_name, category, coalesce(relocated, false),"
                + " resettlement_community, income_per_capita, income_from,"
                + " (income_from + interval '12 months - 1 day')::date, $1, $1 FROM " + t + " ORDER BY household_no"
                + " ON CONFLICT (county_code, household_no) DO UPDATE SET township = excluded.township,"
                + " village = excluded.village, head_name = excluded.head_name, category = excluded.category,"
                + " relocated = excluded.relocated, resettlement_community = excluded.resettlement_community,"
                + " income_per_capita = coalesce(excluded.income_per_capita, household.income_per_capita),"
                + " income_from = coalesce(excluded.income_from, household.income_from),"
                + " income_to = coalesce(excluded.income_to, household.income_to), updated_at = excluded.updated_at"
                + " RETURNING id, county_code, household_no),"
                + " heads AS (INSERT INTO monitoring.member (household_id, county_code, name, id_cipher, id_index,"
                + " id_masked, relation, birth_date, labour, health, schooling, main_earner)"
                + " SELECT up.id, s.county_code, s.head_name, s.head_id_number_cipher, s.head_id_number_index,"
                + " s.head_id_number_masked, '户主', s.head_birth_date, '普通劳动力', '健康', '非在校生', true"
                + " FROM " + t + " s JOIN up ON up.household_no = s.household_no ORDER BY s.head_id_number_index"
                + " ON CONFLICT (id_index) DO UPDATE SET name = excluded.name, birth_date = excluded.birth_date"
                + " RETURNING 1),"
                + " assessed AS (INSERT INTO monitoring.income_assessment (household_id, county_code, assessed_on,"
                + " income_per_capita, income_from, income_to) SELECT up.id, s.county_code, $2, s.income_per_capita,"
                + " s.income_from, (s.income_from + interval '12 months - 1 day')::date FROM " + t
                + " s JOIN up ON up.household_no = s.household_no WHERE s.income_per_capita IS NOT NULL RETURNING 1),"
                + " noted AS (INSERT INTO monitoring.household_history (household_id, county_code, at, actor, action,"
                + " detail) SELECT id, county_code, $1, 'sheet-import', 'import', jsonb_build_object('register',"
                + " 'households') FROM up RETURNING 1)"
                + " SELECT (SELECT count(*) FROM up) AS n, (SELECT count(*) FROM heads) + (SELECT count(*) FROM assessed)"
                + " + (SELECT count(*) FROM noted) AS side")
            .execute(io.vertx.sqlclient.Tuple.of(now, java.time.LocalDate.now(ctx.clock())))
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  private Future<Long> mergeMembers(SqlConnection conn, StagedRows s) {
    String t = s.table();
    var now = ctx.clock().instant().atOffset(ZoneOffset.UTC);
    return conn.preparedQuery("WITH up AS (INSERT INTO monitoring.member (household_id, county_code, name,"
                + " id_cipher, id_index, id_masked, relation, birth_date, labour, health, schooling, main_earner)"
                + " SELECT h.id, s.county_code, s.name, s.id_number_cipher, s.id_number_index, s.id_number_masked,"
                + " s.relation, s.birth_date, s.labour, s.health, s.schooling, coalesce(s.main_earner, false)"
                + " FROM " + t + " s JOIN monitoring.household h ON h.county_code = s.county_code"
                + " AND h.household_no = s.household_no ORDER BY s.id_number_index"
                + " ON CONFLICT (id_index) DO UPDATE SET name = excluded.name, relation = excluded.relation,"
                + " birth_date = excluded.birth_date, labour = excluded.labour, health = excluded.health,"
                + " schooling = excluded.schooling, main_earner = excluded.main_earner"
                + " RETURNING household_id, county_code),"
                + " noted AS (INSERT INTO monitoring.household_history (household_id, county_code, at, actor, action,"
                + " detail) SELECT household_id, county_code, $1, 'sheet-import', 'import',"
                + " jsonb_build_object('register', 'members', 'members', count(*)) FROM up"
                + " GROUP BY household_id, county_code RETURNING 1)"
                + " SELECT (SELECT count(*) FROM up) AS n, (SELECT count(*) FROM noted) AS side")
            .execute(io.vertx.sqlclient.Tuple.of(now))
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  private SheetExport.Query exportHouseholds(cn.zhenxing.sdk.county.County county, io.vertx.core.MultiMap filters) {
    List<Object> params = new ArrayList<>(List.of(county.code()));
    String sql = "SELECT h.household_no, h.township, h.village, h.head_name, m.id_masked AS head_id_number_masked,"
        + " m.id_cipher AS head_id_number_cipher, m.birth_date AS head_birth_date, h.category, h.relocated,"
        + " h.resettlement_community, h.income_per_capita, h.income_from, h.county_code"
        + " FROM monitoring.household h LEFT JOIN monitoring.member m ON m.household_id = h.id AND m.relation = '户主'"
        + " WHERE h.county_code = $1";
    sql += filter(params, "h.township", blank(filters.get("township")));
    sql += filter(params, "h.village", blank(filters.get("village")));
    sql += filter(params, "h.category", oneOf("category", filters.get("category"), Vocabulary.CATEGORIES));
    sql += filter(params, "h.risk_state", oneOf("riskState", filters.get("riskState"), Vocabulary.RISK_STATES));
    return SheetExport.Query.of(sql + " ORDER BY h.id", params.toArray());
  }

  private SheetExport.Query exportMembers(cn.zhenxing.sdk.county.County county, io.vertx.core.MultiMap filters) {
    List<Object> params = new ArrayList<>(List.of(county.code()));
    String sql = "SELECT h.household_no, m.name, m.id_masked AS id_number_masked, m.id_cipher AS id_number_cipher,"
        + " m.relation, m.birth_date, m.labour, m.health, m.schooling, m.main_earner, m.county_code"
        + " FROM monitoring.member m JOIN monitoring.household h ON h.id = m.household_id"
        + " WHERE m.county_code = $1 AND m.relation <> '户主'";
    sql += filter(params, "h.village", blank(filters.get("village")));
    return SheetExport.Query.of(sql + " ORDER BY m.id", params.toArray());
  }

  private static String filter(List<Object> params, String column, String value) {
    if (value == null) {
      return "";
    }
    params.add(value);
    return " AND " + column + " = $" + params.size();
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** An export filter that must be one of the allowed values; 422 naming it otherwise. */
  private static String oneOf(String field, String value, List<String> allowed) {
    String v = blank(value);
    if (v != null && !allowed.contains(v)) {
      throw cn.zhenxing.sdk.http.Problem.invalid(field, "取值应为 " + String.join("、", allowed)
          + " 之一 / must be one of " + String.join(", ", allowed));
    }
    return v;
  }
}
