package cn.zhenxing.plugins.safety.hazard;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.SheetCheck;
import cn.zhenxing.sdk.sheet.SheetExport;
import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.sdk.sheet.Sheets;
import cn.zhenxing.sdk.sheet.StagedRows;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The hazard register as a spreadsheet (隐患台账): template, import merged on the hazard code (隐患编号) within the
 * county, and export. An import may record hazards as open, being rectified or rectified; verification (销号) is done
 * in the system only, where the verifier is known — a row marked 已验收销号 is accepted only for a hazard already
 * verified, and a verified hazard is never changed by an import.
 */
public final class HazardSheet {

  static final SheetSpec SPEC = SheetSpec.of("hazards", "隐患台账")
      .column(Column.text("code", "隐患编号").required().maxLength(40))
      .column(Column.text("enterpriseCode", "企业统一社会信用代码").required().maxLength(18).format("@")
          .note("须为本县区已登记企业"))
      .column(Column.date("foundOn", "发现日期").required())
      .column(Column.text("foundBy", "发现途径").required().dictionary("企业自查", "部门检查", "媒体曝光", "群众举报"))
      .column(Column.text("description", "隐患描述").required().maxLength(1000))
      .column(Column.text("level", "隐患等级").required().dictionary("一般隐患", "重大隐患"))
      .column(Column.text("responsiblePerson", "整改责任人").required().maxLength(50))
      .column(Column.text("plan", "整改方案").maxLength(2000).note("重大隐患必填"))
      .column(Column.date("deadline", "整改期限").required())
      .column(Column.text("status", "整改状态").dictionary("待整改", "整改中", "已整改", "已验收销号").note("不填为待整改"))
      .column(Column.text("evidence", "整改证据").maxLength(2000).note("已整改的必填"))
      .column(Column.county("county", "县区").note("可不填；填写时须为本县区"))
      .naturalKey("code")
      .check(SheetCheck.rejectWhere("NOT EXISTS (SELECT 1 FROM safety.enterprise e"
          + " WHERE e.credit_code = upper(s.enterprise_code) AND e.county_code = s.county_code)", "enterpriseCode",
          "本县区没有该企业，请先导入企业名录 / no such enterprise in this county"))
      .check(SheetCheck.rejectWhere("s.level = '重大隐患' AND s.plan IS NULL", "plan",
          "重大隐患须填写整改方案 / a major hazard needs a rectification plan"))
      .check(SheetCheck.rejectWhere("s.deadline < s.found_on", "deadline",
          "不能早于发现日期 / must not be before the date found"))
      .check(SheetCheck.rejectWhere("s.status = '已整改' AND s.evidence IS NULL", "evidence",
          "已整改的隐患须有整改证据 / a rectified hazard needs evidence"))
      // Only a hazard already verified in the system may be imported as verified (and stays unchanged).
      .check(SheetCheck.rejectWhere("s.status = '已验收销号' AND NOT EXISTS (SELECT 1 FROM safety.hazard h"
          + " WHERE h.county_code = s.county_code AND h.code = s.code AND h.status = 'verified')", "status",
          "验收销号须在系统中由核验人办理 / verification is done in the system by the verifier"));

  private HazardSheet() {
  }

  public static void register(Sheets sheets, Clock clock) {
    sheets.register(SPEC, (conn, staged) -> merge(conn, staged, clock), HazardSheet::export);
  }

  private static Future<Long> merge(SqlConnection conn, StagedRows staged, Clock clock) {
    String t = staged.table();
    return conn.preparedQuery("INSERT INTO safety.hazard (county_code, code, enterprise_id, found_on,"
            + " found_by, description, level, responsible_person, plan, deadline, status, evidence, rectified_on,"
            + " created_at, updated_at)"
            + " SELECT s.county_code, s.code, e.id, s.found_on,"
            + " CASE s.found_by WHEN '企业自查' THEN 'self_inspection' WHEN '部门检查' THEN 'department_inspection'"
            + " WHEN '媒体曝光' THEN 'media' ELSE 'report' END, s.description,"
            + " CASE s.level WHEN '重大隐患' THEN 'major' ELSE 'general' END, s.responsible_person, s.plan,"
            + " s.deadline, CASE s.status WHEN '整改中' THEN 'rectifying' WHEN '已整改' THEN 'rectified' ELSE 'open' END,"
            + " s.evidence,"
            + " CASE WHEN s.status = '已整改' THEN ($1::timestamptz AT TIME ZONE 'Asia/Shanghai')::date END, $1, $1"
            + " FROM " + t + " s JOIN safety.enterprise e ON e.credit_code = upper(s.enterprise_code)"
            + " AND e.county_code = s.county_code"
            // Rows marked verified are already verified here (the spec's checks saw to it) and stay as they are.
            + " WHERE s.status IS DISTINCT FROM '已验收销号' ORDER BY s.code"
            + " ON CONFLICT (county_code, code) DO UPDATE SET enterprise_id = excluded.enterprise_id,"
            + " found_on = excluded.found_on, found_by = excluded.found_by, description = excluded.description,"
            + " level = excluded.level, responsible_person = excluded.responsible_person, plan = excluded.plan,"
            + " deadline = excluded.deadline, status = excluded.status,"
            + " evidence = coalesce(excluded.evidence, safety.hazard.evidence),"
            + " rectified_on = coalesce(safety.hazard.rectified_on, excluded.rectified_on),"
            + " updated_at = excluded.updated_at"
            + " WHERE safety.hazard.status <> 'verified'")
        .execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC)))
        .map(rows -> (long) rows.rowCount());
  }

  /** This county's hazards; filters {@code status}, {@code level} (API values) and {@code overdue}. */
  static SheetExport.Query export(County county, MultiMap filters) {
    List<Object> params = new ArrayList<>(List.of(county.code()));
    StringBuilder sql = new StringBuilder("SELECT h.code, e.credit_code AS enterprise_code, h.found_on,"
        + " CASE h.found_by WHEN 'self_inspection' THEN '企业自查' WHEN 'department_inspection' THEN '部门检查'"
        + " WHEN 'media' THEN '媒体曝光' ELSE '群众举报' END AS found_by, h.description,"
        + " CASE h.level WHEN 'major' THEN '重大隐患' ELSE '一般隐患' END AS level, h.responsible_person, h.plan,"
        + " h.deadline, CASE h.status WHEN 'open' THEN '待整改' WHEN 'rectifying' THEN '整改中'"
        + " WHEN 'rectified' THEN '已整改' ELSE '已验收销号' END AS status, h.evidence,"
        + " h.county_code AS county, h.county_code"
        + " FROM safety.hazard h JOIN safety.enterprise e ON e.id = h.enterprise_id WHERE h.county_code = $1");
    String status = filters.get("status");
    if (status != null) {
      check("status", status, Hazards.STATUS_ORDER);
      params.add(status);
      sql.append(" AND h.status = $").append(params.size());
    }
    String level = filters.get("level");
    if (level != null) {
      check("level", level, Hazards.LEVEL_ORDER);
      params.add(level);
      sql.append(" AND h.level = $").append(params.size());
    }
    if ("true".equals(filters.get("overdue"))) {
      sql.append(" AND h.overdue");
    }
    return SheetExport.Query.of(sql.append(" ORDER BY h.id").toString(), params.toArray());
  }

  private static void check(String filter, String value, List<String> allowed) {
    if (!allowed.contains(value)) {
      throw Problem.invalid(filter, "取值应为 " + String.join("、", allowed) + " 之一 / must be one of "
          + String.join(", ", allowed));
    }
  }
}
