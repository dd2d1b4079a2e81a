package cn.zhenxing.plugins.supply.sheets;

import cn.zhenxing.plugins.supply.monitoring.PriceAnomalies;
import cn.zhenxing.plugins.supply.support.Products;
import cn.zhenxing.plugins.supply.support.Settings;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.sheet.Column;
import cn.zhenxing.sdk.sheet.SheetSpec;

/**
 * The spreadsheet registers: agreements, deliveries and monitoring-point reports, each importable (template,
 * xlsx/CSV, all or nothing: a row breaking a column's or the register's own rule is listed with its row, column and
 * reason, and nothing is written) and exportable for a county. Products are written by their Chinese names.
 */
public final class SupplySheets {

  static final String[] PRODUCT_NAMES = Products.NAMES.values().toArray(String[]::new);

  static final SheetSpec AGREEMENTS = AgreementSheet.checked(SheetSpec.of("agreements", "保供协议")
      .column(Column.text("agreementNo", "协议编号").required().maxLength(50))
      .column(Column.text("enterpriseName", "供货企业").required().maxLength(100)
          .note("本县区企业名称；尚未登记的企业随导入登记 / an enterprise not yet registered is registered"))
      .column(Column.text("product", "品种").required().dictionary(PRODUCT_NAMES))
      .column(Column.decimal("tonnes", "协议数量（吨）").required().format("0.00"))
      .column(Column.date("startsOn", "开始日期").required())
      .column(Column.date("endsOn", "结束日期").required())
      .column(Column.decimal("delivered", "已到货（吨）").format("0.00").note("仅导出 / export only; ignored on import"))
      .naturalKey("agreementNo"));

  static final SheetSpec DELIVERIES = DeliverySheet.checked(SheetSpec.of("deliveries", "协议交货")
      .column(Column.text("agreementNo", "协议编号").required().maxLength(50))
      .column(Column.text("reference", "交货单号").required().maxLength(50))
      .column(Column.date("deliveredOn", "交货日期").required())
      .column(Column.decimal("tonnes", "数量（吨）").required().format("0.00"))
      .column(Column.text("note", "备注").maxLength(500))
      .column(Column.bool("exceedsAgreement", "超量").note("仅导出 / export only; ignored on import"))
      .naturalKey("agreementNo", "reference"));

  static final SheetSpec REPORTS = ReportSheet.checked(SheetSpec.of("point-reports", "农资监测月报")
      .column(Column.text("pointName", "监测点").required().maxLength(100))
      .column(Column.text("period", "月份").required().maxLength(7).example("2023-05").note("yyyy-MM"))
      .column(Column.text("product", "品种").required().dictionary(PRODUCT_NAMES))
      .column(Column.decimal("retailPrice", "零售价（元/吨）").required().format("0.00"))
      .column(Column.decimal("cumulativeSales", "累计销售（吨）").required().format("0.00"))
      .column(Column.decimal("stock", "库存（吨）").required().format("0.00"))
      .column(Column.decimal("purchases", "购进（吨）").required().format("0.00"))
      .naturalKey("pointName", "period", "product"));

  private final PluginContext ctx;
  private final Settings settings;
  private final PriceAnomalies anomalies;

  public SupplySheets(PluginContext ctx, Settings settings, PriceAnomalies anomalies) {
    this.ctx = ctx;
    this.settings = settings;
    this.anomalies = anomalies;
  }

  public void register() {
    ctx.sheets().register(AGREEMENTS, AgreementSheet::merge, AgreementSheet::export);
    ctx.sheets().register(DELIVERIES, DeliverySheet::merge, DeliverySheet::export);
    ReportSheet reports = new ReportSheet(ctx, settings, anomalies);
    ctx.sheets().register(REPORTS, reports::merge, ReportSheet::export);
  }
}
