package cn.zhenxing.plugins.labor.employment;

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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * 务工就业台账 as a spreadsheet. A row names its labourer by ID number (who must be registered in the county); the
 * natural key is the labourer, the employer and the start date, so re-importing a file updates the same jobs. The
 * rules between columns and against the county's data are checks of the staged rows: a breach is reported like a
 * bad cell and nothing is written.
 */
public final class EmploymentSheet {

  /** The Chinese words of the sheet and the codes of the API, in the same order. */
  private static final String PLACE_CASE = "CASE s.place WHEN '县内' THEN 'county' WHEN '省内县外' THEN 'province'"
      + " ELSE 'outside' END";
  private static final String FOUND_CASE = "CASE s.found_via WHEN '劳务品牌' THEN 'brand' WHEN '中介组织'"
      + " THEN 'intermediary' WHEN '公益性岗位' THEN 'public-welfare' ELSE 'self' END";

  static final SheetSpec SPEC = SheetSpec.of("employments", "务工就业")
      .column(Column.idCard("idNumber", "身份证号").required())
      .column(Column.text("employer", "就业单位").required().maxLength(100))
      .column(Column.text("place", "务工地点").required().dictionary("县内", "省内县外", "省外"))
      .column(Column.text("province", "省份").maxLength(20).note("省外务工必填 / required outside the province"))
      .column(Column.text("sector", "行业").required().maxLength(50))
      .column(Column.date("startDate", "开始日期").required())
      .column(Column.date("endDate", "结束日期"))
      .column(Column.decimal("monthlyIncome", "月收入（元）").format("0.00"))
      .column(Column.text("foundVia", "就业途径").required().dictionary("劳务品牌", "中介组织", "公益性岗位", "自主就业"))
      .column(Column.text("intermediary", "中介组织").maxLength(100).note("经中介组织就业时填写 / when found via one"))
      .column(Column.county("county", "县区"))
      .naturalKey("idNumber", "employer", "startDate")
      .check(SheetCheck.rejectWhere("NOT EXISTS (SELECT 1 FROM labor.labourer l WHERE l.id_index = s.id_number_index"
          + " AND l.county_code = s.county_code)", "idNumber",
          "本县没有登记此劳动力 / no labourer with this ID number in this county"))
      .check(SheetCheck.rejectWhere("s.place = '省外' AND coalesce(s.province, '山西') IN ('山西', '山西省')",
          "province", "省外务工必填，且不能是山西 / required outside the province, and not Shanxi"))
      .check(SheetCheck.rejectWhere("s.place <> '省外' AND s.province IS NOT NULL", "province",
          "仅省外务工填写 / only for employment outside the province"))
      .check(SheetCheck.rejectWhere("s.end_date < s.start_date", "endDate",
          "不能早于开始日期 / must not be before the start date"))
      .check(SheetCheck.rejectWhere("s.monthly_income < 0", "monthlyIncome", "不能为负 / must not be negative"))
      // As the API refuses: once the loss of a job was reported to monitoring, its end date is history.
      .check(SheetCheck.rejectWhere("EXISTS (SELECT 1 FROM labor.employment e JOIN labor.labourer l"
              + " ON l.id = e.labourer_id WHERE l.id_index = s.id_number_index AND e.employer = s.employer"
              + " AND e.start_date = s.start_date AND e.lost_detected_on IS NOT NULL"
              + " AND e.end_date IS DISTINCT FROM s.end_date)", "endDate",
          "该就业已报告中断，结束日期不能再改 / the loss of this job was reported; its end date can no longer change"))
      .check(SheetCheck.rejectWhere("s.found_via = '中介组织' AND NOT EXISTS (SELECT 1 FROM labor.intermediary i"
          + " WHERE i.county_code = s.county_code AND i.name = s.intermediary)", "intermediary",
          "经中介组织就业须填写本县的中介组织 / an intermediary of this county is required"))
      .check(SheetCheck.rejectWhere("s.found_via <> '中介组织' AND s.intermediary IS NOT NULL", "intermediary",
          "仅经中介组织就业时填写 / only when the job was found through an intermediary"));

  private EmploymentSheet() {
  }

  public static void register(Sheets sheets, String revealPermission, Clock clock) {
    sheets.register(SPEC.revealPermission(revealPermission), (conn, staged) -> merge(conn, staged, clock),
        EmploymentSheet::export);
  }

  private static SheetExport.Query export(County county, MultiMap filters) {
    List<Object> params = new ArrayList<>(List.of(county.code()));
    String sql = "SELECT l.id_masked AS id_number_masked, l.id_cipher AS id_number_cipher, e.employer,"
        + " CASE e.place WHEN 'county' THEN '县内' WHEN 'province' THEN '省内县外' ELSE '省外' END AS place,"
        + " e.province, e.sector, e.start_date, e.end_date, e.monthly_income,"
        + " CASE e.found_via WHEN 'brand' THEN '劳务品牌' WHEN 'intermediary' THEN '中介组织'"
        + " WHEN 'public-welfare' THEN '公益性岗位' ELSE '自主就业' END AS found_via, i.name AS intermediary,"
        + " e.county_code AS county, e.county_code"
        + " FROM labor.employment e JOIN labor.labourer l ON l.id = e.labourer_id"
        + " LEFT JOIN labor.intermediary i ON i.id = e.intermediary_id WHERE e.county_code = $1";
    String activeOn = filters.get("activeOn");
    if (activeOn != null) {
      try {
        params.add(LocalDate.parse(activeOn));
      } catch (DateTimeParseException e) {
        throw Problem.invalid("activeOn", "日期格式应为 yyyy-MM-dd / must be a date written yyyy-MM-dd");
      }
      sql += " AND e.start_date <= $2 AND (e.end_date IS NULL OR e.end_date >= $2)";
    }
    return SheetExport.Query.of(sql + " ORDER BY e.id", params.toArray());
  }

  private static Future<Long> merge(SqlConnection conn, StagedRows staged, Clock clock) {
    return conn.preparedQuery("""
                INSERT INTO labor.employment (county_code, labourer_id, employer, place, province, sector, start_date,
                                              end_date, monthly_income, found_via, intermediary_id, created_at)
                SELECT s.county_code, l.id, s.employer, %2$s, s.province, s.sector, s.start_date, s.end_date,
                       s.monthly_income, %3$s, i.id, $1
                FROM %1$s s
                JOIN labor.labourer l ON l.id_index = s.id_number_index AND l.county_code = s.county_code
                LEFT JOIN labor.intermediary i ON i.county_code = s.county_code AND i.name = s.intermediary
                ORDER BY l.id, s.employer, s.start_date
                ON CONFLICT (labourer_id, employer, start_date) DO UPDATE SET place = excluded.place,
                  province = excluded.province, sector = excluded.sector, end_date = excluded.end_date,
                  monthly_income = excluded.monthly_income, found_via = excluded.found_via,
                  intermediary_id = excluded.intermediary_id
                """.formatted(staged.table(), PLACE_CASE, FOUND_CASE))
        .execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC)))
        .map(rows -> (long) rows.rowCount());
  }
}
