package cn.zhenxing.plugins.ecommerce.household;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import cn.zhenxing.plugins.ecommerce.support.SheetChecks;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.SheetExport;
import cn.zhenxing.sdk.sheet.SheetCheck;
import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.sdk.sheet.StagedRows;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Linked households as a spreadsheet: the leader by ID-card number (a leader of the county), the household by its
 * head's ID-card number, the way of linking in Chinese (收购 / 务工 / 代销). Re-importing updates name, village,
 * date and income.
 */
public final class LinkedHouseholdSheet {

  private static final String LINK_TYPE = "CASE st.link_type WHEN '收购' THEN 'purchase' WHEN '务工' THEN 'employment'"
      + " WHEN '代销' THEN 'consignment' END";

  /** The API's upper bound for the income gained. */
  private static final String MAX_INCOME = "9999999999";

  private final PluginContext ctx;

  public LinkedHouseholdSheet(PluginContext ctx) {
    this.ctx = ctx;
  }

  public void register(String revealPermission) {
    SheetSpec spec = SheetSpec.of("linked-households", "联农带农户")
        .column(Column.idCard("leaderIdNumber", "带头人身份证号").required())
        .column(Column.text("headName", "户主姓名").required().maxLength(30))
        .column(Column.idCard("idNumber", "户主身份证号").required())
        .column(Column.text("village", "所在村").maxLength(40))
        .column(Column.text("linkType", "带动方式").required().dictionary("收购", "务工", "代销"))
        .column(Column.date("linkedOn", "联结日期").required())
        .column(Column.decimal("incomeGained", "增收金额（元）").format("0.00"))
        .column(Column.county("county", "县区"))
        .naturalKey("leaderIdNumber", "idNumber", "linkType")
        .revealPermission(revealPermission)
        .check(SheetChecks.rows(staged -> "SELECT row_no FROM " + staged.table() + " st WHERE NOT EXISTS (SELECT 1"
                + " FROM ecommerce.leader l WHERE l.county_code = st.county_code"
                + " AND l.id_index = st." + staged.index("leaderIdNumber") + ")",
            "leaderIdNumber", "本县没有这个带头人 / no such leader in the county"))
        .check(SheetCheck.rejectWhere("s.income_gained < 0 OR s.income_gained > " + MAX_INCOME,
            "incomeGained", "不能为负且不超过 " + MAX_INCOME + " / must be at least 0 and at most " + MAX_INCOME))
        .check(SheetChecks.rows(staged -> "SELECT row_no FROM " + staged.table() + " WHERE linked_on > $1",
            () -> Tuple.of(LocalDate.now(ctx.clock().withZone(ctx.zone()))), "linkedOn",
            "不能晚于今天 / must not be in the future"));
    ctx.sheets().register(spec, this::merge, this::export);
  }

  private Future<Long> merge(SqlConnection conn, StagedRows staged) {
    String t = staged.table();
    String leader = staged.index("leaderIdNumber");
    String person = staged.index("idNumber");
    return conn.preparedQuery("INSERT INTO ecommerce.linked_household (county_code, leader_id, head_name,"
        + " person_cipher, person_index, person_masked, village, link_type, linked_on, income_gained,"
        + " created_at, updated_at)"
        + " SELECT st.county_code, l.id, st.head_name, st." + staged.cipher("idNumber") + ", st." + person
        + ", st." + staged.masked("idNumber") + ", st.village, " + LINK_TYPE + ", st.linked_on,"
        + " coalesce(st.income_gained, 0), $1, $1 FROM " + t + " st JOIN ecommerce.leader l"
        + " ON l.county_code = st.county_code AND l.id_index = st." + leader
        + " ORDER BY l.id, st." + person
        + " ON CONFLICT (leader_id, person_index, link_type) DO UPDATE SET head_name = excluded.head_name,"
        + " village = coalesce(excluded.village, linked_household.village),"
        + " linked_on = excluded.linked_on, income_gained = excluded.income_gained,"
        + " updated_at = excluded.updated_at")
        .execute(Tuple.of(OffsetDateTime.now(ctx.clock())))
        .map(rows -> (long) rows.rowCount());
  }

  private SheetExport.Query export(County county, MultiMap filters) {
    return SheetExport.Query.of("SELECT l.id_masked AS leader_id_number_masked, l.id_cipher AS leader_id_number_cipher,"
        + " h.head_name, h.person_masked AS id_number_masked, h.person_cipher AS id_number_cipher, h.village,"
        + " CASE h.link_type WHEN 'purchase' THEN '收购' WHEN 'employment' THEN '务工' ELSE '代销' END AS link_type,"
        + " h.linked_on, h.income_gained, h.county_code AS county, h.county_code"
        + " FROM ecommerce.linked_household h JOIN ecommerce.leader l ON l.id = h.leader_id"
        + " WHERE h.county_code = $1 ORDER BY h.id", county.code());
  }
}
