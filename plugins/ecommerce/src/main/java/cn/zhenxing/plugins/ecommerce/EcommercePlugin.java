package cn.zhenxing.plugins.ecommerce;

import cn.zhenxing.plugins.ecommerce.acceptance.CriteriaRoutes;
import cn.zhenxing.plugins.ecommerce.demo.DemoData;
import cn.zhenxing.plugins.ecommerce.etown.EtownRoutes;
import cn.zhenxing.plugins.ecommerce.household.LinkedHouseholdRoutes;
import cn.zhenxing.plugins.ecommerce.leader.LeaderRoutes;
import cn.zhenxing.plugins.ecommerce.leader.ShopRoutes;
import cn.zhenxing.plugins.ecommerce.product.ProductRoutes;
import cn.zhenxing.plugins.ecommerce.sales.MonthlySalesRoutes;
import cn.zhenxing.plugins.ecommerce.sales.SalesReportRoutes;
import cn.zhenxing.plugins.ecommerce.support.Settings;
import cn.zhenxing.plugins.ecommerce.target.TrainingTargetRoutes;
import cn.zhenxing.plugins.ecommerce.training.TrainingRoutes;
import cn.zhenxing.plugins.ecommerce.household.LinkedHouseholdSheet;
import cn.zhenxing.plugins.ecommerce.leader.LeaderSheet;
import cn.zhenxing.plugins.ecommerce.leader.Platforms;
import cn.zhenxing.plugins.ecommerce.metrics.EcommerceMetrics;
import cn.zhenxing.plugins.ecommerce.sales.SalesReportSheet;
import cn.zhenxing.plugins.ecommerce.ranking.EtownRanking;
import cn.zhenxing.plugins.ecommerce.ranking.RankingRoutes;
import cn.zhenxing.plugins.ecommerce.sales.MissingReportRoutes;
import cn.zhenxing.plugins.ecommerce.sales.ReportDeadlines;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.job.JobSpec;
import java.time.Duration;
import cn.zhenxing.sdk.ZhenxingPlugin;
import io.vertx.ext.web.Router;
import org.pf4j.Extension;

/**
 * The `ecommerce` plugin: 乡村e镇与电商带头人 / Rural e-towns and e-commerce leaders. Wiring only; the features live
 * in their packages.
 */
@Extension
public final class EcommercePlugin implements ZhenxingPlugin {

  @Override
  public void register(PluginContext ctx) {
    Settings settings = Settings.from(ctx.config());
    ctx.http().openApi("openapi/ecommerce.yaml");

    Router county = ctx.http().county();
    new EtownRoutes(ctx).mount(county);
    new LeaderRoutes(ctx).mount(county);
    new ShopRoutes(ctx).mount(county);
    new ProductRoutes(ctx).mount(county);
    new SalesReportRoutes(ctx, settings).mount(county);
    new LinkedHouseholdRoutes(ctx).mount(county);
    new TrainingRoutes(ctx).mount(county);

    Router city = ctx.http().city();
    new CriteriaRoutes(ctx).mount(city);
    new TrainingTargetRoutes(ctx).mount(city);
    new MonthlySalesRoutes(ctx).mount(city);

    RankingRoutes rankings = new RankingRoutes(ctx);
    rankings.mountCounty(county);
    rankings.mountCity(city);
    new MissingReportRoutes(ctx).mount(county);

    ReportDeadlines deadlines = new ReportDeadlines(ctx, settings);
    ctx.jobs().schedule(JobSpec.cron("report-reminder", settings.reminderCron()).timeout(Duration.ofMinutes(1))
        .description("提醒报送上月电商销售数据 / Reminds counties of last month's sales reports"), deadlines::remind);
    ctx.jobs().schedule(JobSpec.cron("late-reports", settings.lateCron()).timeout(Duration.ofMinutes(1))
        .description("标记逾期未报的店铺并预警 / Flags shops late with last month's report"), deadlines::flagLate);
    EtownRanking ranking = new EtownRanking(ctx);
    ctx.jobs().schedule(JobSpec.cron("etown-ranking", settings.rankingCron()).cityWide()
        .timeout(Duration.ofMinutes(2))
        .description("乡村e镇季度排名（销售增长、联农带农） / Quarterly e-town ranking"), ranking::rank);

    String reveal = ctx.permissions().declare("reveal", "导出完整身份证号、手机号 / Export full ID and phone numbers");
    new LeaderSheet(ctx).register(reveal);
    new SalesReportSheet(ctx, settings).register();
    new LinkedHouseholdSheet(ctx).register(reveal);

    new EcommerceMetrics(ctx).register();
    ctx.seedData(Platforms::seed);
    ctx.demoData(new DemoData(ctx)::insert);
  }
}
