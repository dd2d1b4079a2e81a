package cn.zhenxing.plugins.supply.sheets;

import cn.zhenxing.sdk.county.County;
import cn.zhenxing.sdk.sheet.SheetExport;
import cn.zhenxing.sdk.sheet.StagedRows;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.sqlclient.SqlConnection;

/**
 * Import and export of deliveries, by agreement number and delivery reference. The API's rules hold: the agreement
 * must be the county's, the date inside its period, the tonnes positive; over-delivery is flagged in date order.
 */
final class DeliverySheet {

  private DeliverySheet() {
  }

  static Future<Long> merge(SqlConnection conn, StagedRows staged) {
    String t = staged.table();
    String joined = " FROM " + t + " s LEFT JOIN supply.agreement a ON a.county_code = s.county_code"
        + " AND a.agreement_no = s.agreement_no";
    return SheetChecks.none(conn, "SELECT row_no FROM " + t + " WHERE tonnes <= 0", "tonnes",
            "数量应大于 0 / tonnes must be greater than 0")
        .compose(v -> SheetChecks.none(conn, "SELECT s.row_no" + joined + " WHERE a.id IS NULL", "agreementNo",
            "协议编号在本县区不存在 / no such agreement in this county"))
        .compose(v -> SheetChecks.none(conn, "SELECT s.row_no" + joined
            + " WHERE s.delivered_on NOT BETWEEN a.starts_on AND a.ends_on", "deliveredOn",
            "交货日期不在协议期限内 / outside the agreement's period"))
        .compose(v -> conn.query("INSERT INTO supply.delivery (county_code, agreement_id, reference, delivered_on,"
                + " tonnes, exceeds_agreement, note)"
                + " SELECT s.county_code, a.id, s.reference, s.delivered_on, s.tonnes,"
                + " coalesce((SELECT sum(tonnes) FROM supply.delivery d WHERE d.agreement_id = a.id"
                + " AND d.reference <> ALL (SELECT reference FROM " + t + " x WHERE x.agreement_no = s.agreement_no)), 0)"
                + " + sum(s.tonnes) OVER (PARTITION BY a.id ORDER BY s.delivered_on, s.row_no) > a.tonnes, s.note"
                + joined + " ORDER BY a.id, s.reference"
                + " ON CONFLICT (agreement_id, reference) DO UPDATE SET delivered_on = excluded.delivered_on,"
                + " tonnes = excluded.tonnes, exceeds_agreement = excluded.exceeds_agreement, note = excluded.note")
            .execute())
        .map(rows -> (long) rows.rowCount());
  }

  static SheetExport.Query export(County county, MultiMap filters) {
    return SheetExport.Query.of("SELECT a.agreement_no, d.reference, d.delivered_on, d.tonnes, d.note,"
        + " d.exceeds_agreement, d.county_code FROM supply.delivery d JOIN supply.agreement a ON a.id = d.agreement_id"
        + " WHERE d.county_code = $1 ORDER BY a.agreement_no, d.delivered_on, d.reference", county.code());
  }
}
