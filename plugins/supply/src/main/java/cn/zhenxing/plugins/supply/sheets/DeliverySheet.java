package cn.zhenxing.plugins.supply.sheets;

import static cn.zhenxing.plugins.supply.sheets.Limits.MAX_TONNES;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.sheet.SheetCheck;
import cn.zhenxing.sdk.sheet.SheetExport;
import cn.zhenxing.sdk.sheet.SheetSpec;
import cn.zhenxing.sdk.sheet.StagedRows;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * Import and export of deliveries, by agreement number and delivery reference. The API's rules hold: the agreement
 * must be the county's, the date inside its period, the tonnes positive; over-delivery is flagged in date order.
 */
final class DeliverySheet {

  private DeliverySheet() {
  }

  /**
   * The API's rules for a delivery: tonnes in range, the agreement the county's own, the date inside its period
   * (the reason names the period, as the API's 422 does).
   */
  static SheetSpec checked(SheetSpec spec) {
    return spec
        .check(SheetCheck.rejectWhere("s.tonnes <= 0 OR s.tonnes > " + MAX_TONNES,
            "tonnes", "数量应大于 0 且不超过 " + MAX_TONNES + " / tonnes must be greater than 0 and at most "
                + MAX_TONNES))
        .check(SheetCheck.rejectWhere("NOT EXISTS (SELECT 1 FROM supply.agreement a"
                + " WHERE a.county_code = s.county_code AND a.agreement_no = s.agreement_no)", "agreementNo",
            "协议编号在本县区不存在 / no such agreement in this county"))
        .check((conn, staged) -> conn.query("SELECT s.row_no, a.starts_on, a.ends_on" + joined(staged.table())
                + " WHERE s.delivered_on NOT BETWEEN a.starts_on AND a.ends_on ORDER BY s.row_no LIMIT 1000")
            .execute()
            .map(rows -> {
              List<SheetCheck.Rejection> rejected = new ArrayList<>();
              for (Row r : rows) {
                rejected.add(new SheetCheck.Rejection(r.getInteger("row_no"), "deliveredOn", "不在协议期限 "
                    + r.getLocalDate("starts_on") + " 至 " + r.getLocalDate("ends_on")
                    + " 内 / outside the agreement's period"));
              }
              return rejected;
            }));
  }

  /** The staged rows with the agreement each names (none when it is not this county's). */
  private static String joined(String table) {
    return " FROM " + table + " s LEFT JOIN supply.agreement a ON a.county_code = s.county_code"
        + " AND a.agreement_no = s.agreement_no";
  }

  static Future<Long> merge(SqlConnection conn, StagedRows staged) {
    String t = staged.table();
    return conn.query("INSERT INTO supply.delivery (county_code, agreement_id, reference, delivered_on,"
        + " tonnes, exceeds_agreement, note)"
        + " SELECT s.county_code, a.id, s.reference, s.delivered_on, s.tonnes,"
        + " coalesce((SELECT sum(tonnes) FROM supply.delivery d WHERE d.agreement_id = a.id"
        + " AND d.reference <> ALL (SELECT reference FROM " + t + " x WHERE x.agreement_no = s.agreement_no)), 0)"
        + " + sum(s.tonnes) OVER (PARTITION BY a.id ORDER BY s.delivered_on, s.row_no) > a.tonnes, s.note"
        + joined(t) + " ORDER BY a.id, s.reference"
        + " ON CONFLICT (agreement_id, reference) DO UPDATE SET delivered_on = excluded.delivered_on,"
        + " tonnes = excluded.tonnes, exceeds_agreement = excluded.exceeds_agreement, note = excluded.note")
        .execute()
        .map(rows -> (long) rows.rowCount());
  }

  static SheetExport.Query export(County county, MultiMap filters) {
    return SheetExport.Query.of("SELECT a.agreement_no, d.reference, d.delivered_on, d.tonnes, d.note,"
        + " d.exceeds_agreement, d.county_code FROM supply.delivery d JOIN supply.agreement a ON a.id = d.agreement_id"
        + " WHERE d.county_code = $1 ORDER BY a.agreement_no, d.delivered_on, d.reference", county.code());
  }
}
