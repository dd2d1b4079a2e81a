package cn.zhenxing.plugins.supply.sheets;

import static cn.zhenxing.plugins.supply.sheets.Limits.MAX_TONNES;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.sheet.SheetCheck;
import cn.zhenxing.sdk.sheet.SheetExport;
import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.sdk.sheet.StagedRows;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.sqlclient.SqlConnection;

/** Import and export of a county's agreements; re-importing an agreement number updates it. */
final class AgreementSheet {

  private AgreementSheet() {
  }

  /**
   * The API's rules for an agreement: tonnes in range, the period not ending before it starts, and a re-imported
   * agreement's new period still holding its recorded deliveries.
   */
  static SheetSpec checked(SheetSpec spec) {
    return spec
        .check(SheetCheck.rejectWhere("s.tonnes <= 0 OR s.tonnes > " + MAX_TONNES,
            "tonnes", "协议数量应大于 0 且不超过 " + MAX_TONNES + " / tonnes must be greater than 0 and at most "
                + MAX_TONNES))
        .check(SheetCheck.rejectWhere("s.ends_on < s.starts_on", "endsOn",
            "结束日期早于开始日期 / endsOn before startsOn"))
        .check(SheetCheck.rejectWhere("EXISTS (SELECT 1 FROM supply.agreement a JOIN supply.delivery d"
                + " ON d.agreement_id = a.id WHERE a.county_code = s.county_code AND a.agreement_no = s.agreement_no"
                + " AND d.delivered_on NOT BETWEEN s.starts_on AND s.ends_on)",
            "startsOn", "已有交货记录落在新期限之外 / deliveries already recorded fall outside the new period"));
  }

  static Future<Long> merge(SqlConnection conn, StagedRows staged) {
    String t = staged.table();
    return conn.query("INSERT INTO supply.enterprise (county_code, kind, name) SELECT DISTINCT"
            + " county_code, 'enterprise', enterprise_name FROM " + t + " ORDER BY 1, 3 ON CONFLICT DO NOTHING")
        .execute()
        .compose(v -> conn.query("INSERT INTO supply.agreement (county_code, agreement_no, cooperative_id,"
                + " enterprise_id, product, tonnes, starts_on, ends_on)"
                + " SELECT s.county_code, s.agreement_no, c.id, e.id, p.code, s.tonnes, s.starts_on, s.ends_on"
                + " FROM " + t + " s JOIN supply.cooperative c ON c.county_code = s.county_code"
                + " JOIN supply.enterprise e ON e.county_code = s.county_code AND e.name = s.enterprise_name"
                + " JOIN supply.product p ON p.name_zh = s.product ORDER BY s.agreement_no"
                + " ON CONFLICT (county_code, agreement_no) DO UPDATE SET enterprise_id = excluded.enterprise_id,"
                + " product = excluded.product, tonnes = excluded.tonnes, starts_on = excluded.starts_on,"
                + " ends_on = excluded.ends_on")
            .execute())
        .map(rows -> (long) rows.rowCount());
  }

  static SheetExport.Query export(County county, MultiMap filters) {
    return SheetExport.Query.of("SELECT a.agreement_no, e.name AS enterprise_name, p.name_zh AS product, a.tonnes,"
        + " a.starts_on, a.ends_on, (SELECT coalesce(sum(tonnes), 0) FROM supply.delivery WHERE agreement_id = a.id)"
        + " AS delivered, a.county_code FROM supply.agreement a JOIN supply.enterprise e ON e.id = a.enterprise_id"
        + " JOIN supply.product p ON p.code = a.product WHERE a.county_code = $1 ORDER BY a.agreement_no",
        county.code());
  }
}
