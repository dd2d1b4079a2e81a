package cn.zhenxing.plugins.labor.labourer;

import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.SheetCheck;
import cn.zhenxing.sdk.sheet.SheetExport;
import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.sdk.sheet.Sheets;
import cn.zhenxing.sdk.sheet.StagedRows;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** 脱贫劳动力台账 as a spreadsheet: template, import (by ID number: re-importing updates) and export. */
public final class LabourerSheet {

  static final SheetSpec SPEC = SheetSpec.of("labourers", "脱贫劳动力")
      .column(Column.text("name", "姓名").required().maxLength(50))
      .column(Column.idCard("idNumber", "身份证号").required())
      .column(Column.text("township", "乡镇").required().maxLength(50))
      .column(Column.text("village", "行政村").required().maxLength(50))
      .column(Column.text("skills", "技能").maxLength(500).note("多项用顿号或逗号分隔 / separate several with 、 or ,"))
      .column(Column.text("brand", "劳务品牌").maxLength(50).note("本县已有的劳务品牌名称 / a brand of the county"))
      .column(Column.county("county", "县区"))
      .naturalKey("idNumber")
      .check(SheetCheck.rejectWhere("s.brand IS NOT NULL AND NOT EXISTS (SELECT 1 FROM labor.brand b"
          + " WHERE b.county_code = s.county_code AND b.name = s.brand)", "brand",
          "本县没有这个劳务品牌 / no such brand in this county"))
      .check(SheetCheck.rejectWhere("EXISTS (SELECT 1 FROM labor.labourer l WHERE l.id_index = s.id_number_index"
          + " AND l.county_code <> s.county_code)", "idNumber", "此人已在其他县区登记 / registered in another county"));

  private LabourerSheet() {
  }

  public static void register(Sheets sheets, String revealPermission, Clock clock) {
    sheets.register(SPEC.revealPermission(revealPermission), (conn, staged) -> merge(conn, staged, clock),
        (county, filters) -> {
          List<Object> params = new ArrayList<>(List.of(county.code()));
          String sql = "SELECT l.name, l.id_masked AS id_number_masked, l.id_cipher AS id_number_cipher, l.township,"
              + " l.village, array_to_string(l.skills, '、') AS skills, b.name AS brand, l.county_code AS county,"
              + " l.county_code FROM labor.labourer l LEFT JOIN labor.brand b ON b.id = l.brand_id"
              + " WHERE l.county_code = $1";
          if (filters.get("township") != null) {
            params.add(filters.get("township"));
            sql += " AND l.township = $" + params.size();
          }
          return SheetExport.Query.of(sql + " ORDER BY l.id", params.toArray());
        });
  }

  private static Future<Long> merge(SqlConnection conn, StagedRows staged, Clock clock) {
    return conn.preparedQuery("""
                INSERT INTO labor.labourer (county_code, name, id_cipher, id_index, id_masked, township, village,
                                            skills, brand_id, created_at)
                SELECT s.county_code, s.name, s.id_number_cipher, s.id_number_index, s.id_number_masked, s.township,
                       s.village, coalesce(regexp_split_to_array(nullif(btrim(s.skills), ''), '\\s*[,，、;；]\\s*'), '{}'),
                       b.id, $1
                FROM %s s LEFT JOIN labor.brand b ON b.county_code = s.county_code AND b.name = s.brand
                ORDER BY s.id_number_index
                ON CONFLICT (id_index) DO UPDATE SET name = excluded.name, township = excluded.township,
                  village = excluded.village, skills = excluded.skills, brand_id = excluded.brand_id
                """.formatted(staged.table()))
        .execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC)))
        .map(rows -> (long) rows.rowCount());
  }
}
