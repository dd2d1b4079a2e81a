package cn.zhenxing.plugins.supply;

import cn.zhenxing.plugins.supply.agreement.AgreementRoutes;
import cn.zhenxing.plugins.supply.agreement.DeliveryRoutes;
import cn.zhenxing.plugins.supply.agreement.FulfilmentRoutes;
import cn.zhenxing.plugins.supply.agreement.FulfilmentSummary;
import cn.zhenxing.plugins.supply.agreement.TargetRoutes;
import cn.zhenxing.plugins.supply.alert.AlertRoutes;
import cn.zhenxing.plugins.supply.alert.Alerts;
import cn.zhenxing.plugins.supply.demo.DemoData;
import cn.zhenxing.plugins.supply.metrics.SupplyMetrics;
import cn.zhenxing.plugins.supply.monitoring.PointRoutes;
import cn.zhenxing.plugins.supply.monitoring.PriceAnomalies;
import cn.zhenxing.plugins.supply.monitoring.PriceRoutes;
import cn.zhenxing.plugins.supply.monitoring.ReportDeadlines;
import cn.zhenxing.plugins.supply.monitoring.ReportRoutes;
import cn.zhenxing.plugins.supply.quality.CaseRoutes;
import cn.zhenxing.plugins.supply.quality.InspectionRoutes;
import cn.zhenxing.plugins.supply.quality.PublicityRoutes;
import cn.zhenxing.plugins.supply.registry.CooperativeRoutes;
import cn.zhenxing.plugins.supply.registry.EnterpriseRoutes;
import cn.zhenxing.plugins.supply.registry.OutletRoutes;
import cn.zhenxing.plugins.supply.reserve.ReserveCheck;
import cn.zhenxing.plugins.supply.reserve.ReserveRoutes;
import cn.zhenxing.plugins.supply.seed.SeedData;
import cn.zhenxing.plugins.supply.service.ServiceRoutes;
import cn.zhenxing.plugins.supply.sheets.SupplySheets;
import cn.zhenxing.plugins.supply.support.Settings;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import cn.zhenxing.sdk.job.JobSpec;
import io.vertx.ext.web.Router;
import java.time.Duration;
import org.pf4j.Extension;

/** The `supply` plugin: 供销系统农资保供 / Farm-supply guarantee. Wiring only; the features live in their packages. */
@Extension
public final class SupplyPlugin implements ZhenxingPlugin {

  @Override
  public void register(PluginContext ctx) {
    Settings settings = Settings.from(ctx.config());
    Alerts alerts = new Alerts(ctx);
    PriceAnomalies anomalies = new PriceAnomalies(alerts, settings);
    Router county = ctx.http().county();
    Router city = ctx.http().city();
    ctx.http().openApi("openapi/supply.yaml");
    EnterpriseRoutes.declareConstraints(ctx.http());
    OutletRoutes.declareConstraints(ctx.http());
    AgreementRoutes.declareConstraints(ctx.http());
    DeliveryRoutes.declareConstraints(ctx.http());
    PointRoutes.declareConstraints(ctx.http());
    ReportRoutes.declareConstraints(ctx.http());

    for (Router scope : new Router[] {county, city}) {
      new CooperativeRoutes(ctx).mount(scope);
      new EnterpriseRoutes(ctx).mount(scope);
      new AgreementRoutes(ctx).mount(scope);
      new DeliveryRoutes(ctx).mount(scope);
      new AlertRoutes(ctx).mount(scope);
    }
    new OutletRoutes(ctx).mount(county);
    new TargetRoutes(ctx).mountCity(city);
    new FulfilmentRoutes(ctx).mountCounty(county);
    new FulfilmentRoutes(ctx).mountCity(city);
    new ReserveRoutes(ctx, settings).mountCounty(county);
    new ReserveRoutes(ctx, settings).mountCity(city);
    new PointRoutes(ctx).mountCounty(county);
    new PointRoutes(ctx).mountCity(city);
    new ReportRoutes(ctx, settings, anomalies).mountCounty(county);
    new PriceRoutes(ctx).mountCity(city);
    new InspectionRoutes(ctx).mount(county);
    new CaseRoutes(ctx).mount(county);
    new PublicityRoutes(ctx).mount(county);
    new ServiceRoutes(ctx).mountCounty(county);
    new ServiceRoutes(ctx).mountCity(city);

    new SupplySheets(ctx, settings, anomalies).register();

    ReportDeadlines deadlines = new ReportDeadlines(ctx, alerts, settings);
    ctx.jobs().schedule(JobSpec.cron("report-reminder", "0 9 * * *").timeout(Duration.ofMinutes(1))
        .description("农资监测月报提醒：截止日前提醒未报送的监测点 / Reminds counties of monitoring reports due"),
        deadlines::remind);
    ctx.jobs().schedule(JobSpec.cron("late-reports", "30 0 * * *").timeout(Duration.ofMinutes(1))
        .description("截止日后标记逾期未报的监测点 / Flags monitoring points late with their monthly report"),
        deadlines::flagLate);
    ctx.jobs().schedule(JobSpec.cron("reserve-check", "0 7 * * *").timeout(Duration.ofMinutes(1))
        .description("冬储期内库存低于目标份额时预警 / Alerts when the winter reserve is below its target share"),
        new ReserveCheck(alerts, settings, ctx.zone())::run);
    ctx.jobs().schedule(JobSpec.cron("fulfilment-summary", "0 8 * * 1").timeout(Duration.ofMinutes(1))
        .description("保供协议履约周报 / Weekly supply-agreement fulfilment summary"),
        new FulfilmentSummary(ctx, settings)::run);

    new SupplyMetrics(ctx, settings).register();
    ctx.seedData(conn -> SeedData.insert(conn, ctx.counties()));
    ctx.demoData(conn -> DemoData.insert(conn, ctx.counties()));
  }
}
