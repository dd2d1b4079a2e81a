package cn.zhenxing.plugins.labor;

import cn.zhenxing.plugins.labor.brand.BrandRoutes;
import cn.zhenxing.plugins.labor.brand.BrandSeed;
import cn.zhenxing.plugins.labor.common.LaborConfig;
import cn.zhenxing.plugins.labor.demo.DemoData;
import cn.zhenxing.plugins.labor.employment.EmploymentLostJob;
import cn.zhenxing.plugins.labor.employment.EmploymentRoutes;
import cn.zhenxing.plugins.labor.employment.EmploymentSheet;
import cn.zhenxing.plugins.labor.graduate.GraduateRoutes;
import cn.zhenxing.plugins.labor.intermediary.IntermediaryRoutes;
import cn.zhenxing.plugins.labor.labourer.LabourerRoutes;
import cn.zhenxing.plugins.labor.labourer.LabourerSheet;
import cn.zhenxing.plugins.labor.metrics.LaborMetrics;
import cn.zhenxing.plugins.labor.target.GapReportJob;
import cn.zhenxing.plugins.labor.target.SnapshotJob;
import cn.zhenxing.plugins.labor.target.TargetRoutes;
import cn.zhenxing.plugins.labor.target.TargetSeed;
import cn.zhenxing.plugins.labor.training.TrainingRoutes;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import cn.zhenxing.sdk.job.JobSpec;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.time.LocalDate;
import org.pf4j.Extension;

/**
 * The `labor` plugin: 劳务品牌与务工就业 / Labour brands and migrant employment. Wiring only; the features live in
 * their packages.
 */
@Extension
public final class LaborPlugin implements ZhenxingPlugin {

  @Override
  public void register(PluginContext ctx) {
    LaborConfig config = LaborConfig.from(ctx.config());
    Router county = ctx.http().county();
    new BrandRoutes(ctx).mount(county, ctx.http().city());
    new LabourerRoutes(ctx).mount(county);
    new EmploymentRoutes(ctx).mount(county);
    new TargetRoutes(ctx).mount(ctx.http().city(), county);
    new TrainingRoutes(ctx).mount(county);
    new IntermediaryRoutes(ctx).mount(county);
    new GraduateRoutes(ctx).mount(county);
    ctx.http().openApi("openapi/labor.yaml");

    String reveal = ctx.permissions().declare("labourer.reveal",
        "导出完整身份证号 / Export labourers' full ID numbers");
    LabourerSheet.register(ctx.sheets(), reveal, ctx.clock());
    EmploymentSheet.register(ctx.sheets(), reveal, ctx.clock());

    ctx.seedData(conn -> BrandSeed.insert(conn, ctx.clock()).compose(v -> TargetSeed.insert(conn,
        LocalDate.now(ctx.clock().withZone(ctx.zone())).getYear(), ctx.clock().instant())));
    ctx.demoData(conn -> new DemoData(ctx.vertx(), ctx.personalData(), LocalDate.now(ctx.clock().withZone(ctx.zone())),
        ctx.clock().instant(), config.demoScale()).insert(conn));

    EmploymentLostJob lost = new EmploymentLostJob(ctx.events(), config, ctx.zone());
    ctx.jobs().schedule(JobSpec.cron("employment-lost", config.employmentLostCron()).timeout(Duration.ofMinutes(5))
        .description("发布失业信号：务工结束后宽限期内未再就业 / Publishes employment-lost events"), lost::run);
    SnapshotJob snapshot = new SnapshotJob(ctx.zone());
    ctx.jobs().schedule(JobSpec.cron("monthly-snapshot", config.snapshotCron()).timeout(Duration.ofMinutes(2))
        .description("每月务工就业快照 / Monthly employment snapshot per county"), snapshot::run);
    GapReportJob gaps = new GapReportJob(ctx.zone(), ctx.notifications());
    ctx.jobs().schedule(JobSpec.cron("target-gap", config.gapReportCron()).timeout(Duration.ofMinutes(2))
        .description("对照序时进度，低于进度的县区收到提醒 / Flags counties below their pro-rata path"), gaps::run);

    new LaborMetrics(ctx).register(ctx.metrics());
  }
}
