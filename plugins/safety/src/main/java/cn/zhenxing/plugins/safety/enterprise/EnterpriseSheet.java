package cn.zhenxing.plugins.safety.enterprise;

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
 * The enterprise register as a spreadsheet (企业名录): template, import (merged on the credit code) and export.
 */
public final class EnterpriseSheet {

  static final SheetSpec SPEC = SheetSpec.of("enterprises", "企业名录")
      .column(Column.text("name", "企业名称").required().maxLength(100))
      .column(Column.text("creditCode", "统一社会信用代码").required().maxLength(18).format("@")
          .note("18 位，GB 32100-2015 校验码").example("91140702MA0K000013"))
      .column(Column.text("industry", "行业").required().maxLength(50).example("制造业"))
      .column(Column.text("riskLevel", "风险等级").required().dictionary("重大风险", "较大风险", "一般风险", "低风险"))
      .column(Column.bool("keyEnterprise", "重点企业").note("是/否"))
      .column(Column.text("township", "乡镇（街道）").maxLength(50))
      .column(Column.county("county", "县区").note("可不填；填写时须为本县区"))
      .naturalKey("creditCode")
      .check(SheetCheck.rejectWhere("NOT safety.credit_code_valid(upper(s.credit_code))", "creditCode",
          "校验码错误或含无效字符 / not a valid unified social credit code (GB 32100-2015)"))
      .check(SheetCheck.rejectWhere("EXISTS (SELECT 1 FROM safety.enterprise e"
          + " WHERE e.credit_code = upper(s.credit_code) AND e.county_code <> s.county_code)", "creditCode",
          "该企业已在其他县区登记 / registered in another county"));

  private EnterpriseSheet() {
  }

  public static void register(Sheets sheets, Clock clock) {
    sheets.register(SPEC, (conn, staged) -> merge(conn, staged, clock), EnterpriseSheet::export);
  }

  private static Future<Long> merge(SqlConnection conn, StagedRows staged, Clock clock) {
    String t = staged.table();
    String code = "upper(" + staged.column("creditCode") + ")";
    return conn.preparedQuery("INSERT INTO safety.enterprise (county_code, name, credit_code, industry,"
            + " risk_level, key_enterprise, township, created_at, updated_at)"
            + " SELECT county_code, name, " + code + ", industry,"
            + " CASE risk_level WHEN '重大风险' THEN 'major' WHEN '较大风险' THEN 'high' WHEN '一般风险' THEN 'general'"
            + " ELSE 'low' END, coalesce(key_enterprise, false), township, $1, $1"
            + " FROM " + t + " ORDER BY " + code
            + " ON CONFLICT (credit_code) DO UPDATE SET name = excluded.name, industry = excluded.industry,"
            + " risk_level = excluded.risk_level, key_enterprise = excluded.key_enterprise,"
            + " township = excluded.township, updated_at = excluded.updated_at")
        .execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC)))
        .map(rows -> (long) rows.rowCount());
  }

  /** This county's enterprises; filters {@code riskLevel} (API value) and {@code keyEnterprise}. */
  static SheetExport.Query export(County county, MultiMap filters) {
    List<Object> params = new ArrayList<>(List.of(county.code()));
    StringBuilder sql = new StringBuilder("SELECT name, credit_code, industry,"
        + " CASE risk_level WHEN 'major' THEN '重大风险' WHEN 'high' THEN '较大风险' WHEN 'general' THEN '一般风险'"
        + " ELSE '低风险' END AS risk_level, key_enterprise, township, county_code AS county, county_code"
        + " FROM safety.enterprise WHERE county_code = $1");
    String risk = filters.get("riskLevel");
    if (risk != null) {
      if (!Enterprises.RISK_ORDER.contains(risk)) {
        throw Problem.invalid("riskLevel", "取值应为 " + Enterprises.RISK_ORDER + " 之一 / must be one of "
            + Enterprises.RISK_ORDER);
      }
      params.add(risk);
      sql.append(" AND risk_level = $").append(params.size());
    }
    String key = filters.get("keyEnterprise");
    if (key != null) {
      params.add(Boolean.parseBoolean(key));
      sql.append(" AND key_enterprise = $").append(params.size());
    }
    return SheetExport.Query.of(sql.append(" ORDER BY id").toString(), params.toArray());
  }
}
