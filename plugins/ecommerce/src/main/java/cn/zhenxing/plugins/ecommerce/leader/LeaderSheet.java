package cn.zhenxing.plugins.ecommerce.leader;

import java.time.OffsetDateTime;
import cn.zhenxing.plugins.ecommerce.support.SheetChecks;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.SheetExport;
import cn.zhenxing.sdk.sheet.SheetCheck;
import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.sdk.sheet.StagedRows;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** The leader register as a spreadsheet: keyed by ID-card number, the e-town named as the county registered it. */
public final class LeaderSheet {

  private final PluginContext ctx;

  public LeaderSheet(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void register(String revealPermission) {
    SheetSpec spec = SheetSpec.of("leaders", "电商带头人")
        .column(Column.text("name", "姓名").required().maxLength(30))
        .column(Column.idCard("idNumber", "身份证号").required())
        .column(Column.phone("phone", "手机号"))
        .column(Column.text("etown", "所属乡村e镇").maxLength(60).note("本县已登记的乡村e镇名称 / an e-town of the county"))
        .column(Column.text("cohort", "培育批次").maxLength(30).example("2023年第1期"))
        .column(Column.county("county", "县区"))
        .naturalKey("idNumber")
        .revealPermission(revealPermission)
        .check(SheetCheck.rejectWhere("s.etown IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ecommerce.etown e"
                + " WHERE e.county_code = s.county_code AND e.name = s.etown)",
            "etown", "本县没有这个乡村e镇 / no such e-town in the county"))
        .check(SheetChecks.rows(staged -> "SELECT st.row_no FROM " + staged.table() + " st JOIN ecommerce.leader l"
                + " ON l.id_index = st." + staged.index("idNumber") + " AND l.county_code <> st.county_code",
            "idNumber", "此人已是其他县区的带头人 / already a leader of another county"));
    ctx.sheets().register(spec, this::merge, this::export);
  }

  private Future<Long> merge(SqlConnection conn, StagedRows staged) {
    String t = staged.table();
    String index = staged.index("idNumber");
    return conn.preparedQuery("INSERT INTO ecommerce.leader (county_code, etown_id, name, id_cipher,"
        + " id_index, id_masked, phone_cipher, phone_masked, cohort, created_at, updated_at)"
        + " SELECT st.county_code, e.id, st.name, st." + staged.cipher("idNumber") + ", st." + index
        + ", st." + staged.masked("idNumber") + ", st." + staged.cipher("phone") + ", st."
        + staged.masked("phone") + ", st.cohort, $1, $1 FROM " + t + " st"
        + " LEFT JOIN ecommerce.etown e ON e.county_code = st.county_code AND e.name = st.etown"
        + " ORDER BY st." + index
        + " ON CONFLICT (id_index) DO UPDATE SET name = excluded.name,"
        + " phone_cipher = coalesce(excluded.phone_cipher, leader.phone_cipher),"
        + " phone_masked = coalesce(excluded.phone_masked, leader.phone_masked),"
        + " etown_id = coalesce(excluded.etown_id, leader.etown_id),"
        + " cohort = coalesce(excluded.cohort, leader.cohort), updated_at = excluded.updated_at"
        + " WHERE leader.county_code = excluded.county_code")
        .execute(Tuple.of(OffsetDateTime.now(ctx.clock())))
        .map(rows -> (long) rows.rowCount());
  }

  private SheetExport.Query export(cn.zhenxing.sdk.county.County county, io.vertx.core.MultiMap filters) {
    List<Object> params = new ArrayList<>(List.of(county.code()));
    String sql = "SELECT l.name, l.id_masked AS id_number_masked, l.id_cipher AS id_number_cipher,"
        + " l.phone_masked, l.phone_cipher, e.name AS etown, l.cohort, l.county_code AS county, l.county_code"
        + " FROM ecommerce.leader l LEFT JOIN ecommerce.etown e ON e.id = l.etown_id WHERE l.county_code = $1";
    if (filters.get("cohort") != null) {
      params.add(filters.get("cohort"));
      sql += " AND l.cohort = $" + params.size();
    }
    return SheetExport.Query.of(sql + " ORDER BY l.id", params.toArray());
  }
}
