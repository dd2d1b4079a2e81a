package cn.zhenxing.testkit.sheet;

import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.SheetCheck;
import cn.zhenxing.sdk.sheet.SheetExport;
import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.sdk.sheet.StagedRows;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;

/** A tiny plugin that only declares a spreadsheet register, the way a programme plugin would. */
public final class HouseholdsPlugin implements ZhenxingPlugin {

  public static final String ID = "households";

  static final SheetSpec SPEC = SheetSpec.of("households", "监测户")
      .column(Column.text("name", "户主姓名").required().maxLength(20).note("户主的姓名"))
      .column(Column.idCard("idNumber", "身份证号").required().note("18 位，末位可为 X"))
      .column(Column.text("village", "所在村").required())
      .column(Column.text("category", "户类型").required().dictionary("脱贫不稳定户", "边缘易致贫户", "突发严重困难户"))
      .column(Column.decimal("income", "人均纯收入（元）").format("0.00"))
      .column(Column.date("identifiedOn", "识别日期"))
      .column(Column.county("county", "县区").note("可不填；填写时须为本县区"))
      .naturalKey("idNumber")
      .check((conn, staged) -> conn.query("SELECT s.row_no FROM " + staged.table() + " s"
              + " JOIN households.merged_village m ON m.county_code = s.county_code AND m.name = s.village"
              + " ORDER BY s.row_no LIMIT 1000").execute()
          .map(rows -> SheetCheck.rejectAll(rows, "village", "该村已撤并 / The village was merged away")));

  @Override
  public void register(PluginContext ctx) {
    String reveal = ctx.permissions().declare("reveal", "导出完整身份证号 / Export full ID numbers");
    ctx.sheets().register(SPEC.revealPermission(reveal), HouseholdsPlugin::merge, HouseholdsPlugin::export);
  }

  /** The export: this county's households, optionally of one category and/or village. */
  static SheetExport.Query export(County county, MultiMap filters) {
    List<Object> params = new ArrayList<>(List.of(county.code()));
    StringBuilder sql = new StringBuilder("SELECT name, id_masked AS id_number_masked, id_cipher AS id_number_cipher,"
        + " village, category, income, identified_on, county_code AS county, county_code"
        + " FROM households.household WHERE county_code = $1");
    for (String filter : List.of("category", "village")) {
      if (filters.get(filter) != null) {
        params.add(filters.get(filter));
        sql.append(" AND ").append(filter).append(" = $").append(params.size());
      }
    }
    // By name (code-point order) then id: a stable order a clerk can follow, independent of how the merge inserted.
    return SheetExport.Query.of(sql.append(" ORDER BY name COLLATE \"C\", id").toString(), params.toArray());
  }

  static Future<Long> merge(SqlConnection conn, StagedRows staged) {
    return conn.query("INSERT INTO households.household (county_code, name, id_cipher, id_index, id_masked, village,"
            + " category, income, identified_on)"
            + " SELECT county_code, " + staged.column("name") + ", " + staged.cipher("idNumber") + ", "
            + staged.index("idNumber") + ", " + staged.masked("idNumber") + ", village, category, income, identified_on"
            + " FROM " + staged.table()
            // In key order, the unique index fills page after page instead of at random places: 9.9 s -> 6.4 s for
            // a million rows (the blind index is random).
            + " ORDER BY " + staged.index("idNumber")
            + " ON CONFLICT (id_index) DO UPDATE SET name = excluded.name, village = excluded.village,"
            + " category = excluded.category, income = excluded.income, identified_on = excluded.identified_on")
        .execute().map(rows -> (long) rows.rowCount());
  }
}
