package cn.zhenxing.plugins.safety;

import cn.zhenxing.plugins.safety.campaign.CampaignProgressJob;
import cn.zhenxing.plugins.safety.campaign.CampaignRoutes;
import cn.zhenxing.plugins.safety.card.CardRoutes;
import cn.zhenxing.plugins.safety.demo.DemoData;
import cn.zhenxing.plugins.safety.education.EducationRoutes;
import cn.zhenxing.plugins.safety.enterprise.EnterpriseRoutes;
import cn.zhenxing.plugins.safety.enterprise.EnterpriseSheet;
import cn.zhenxing.plugins.safety.figures.SafetyFigures;
import cn.zhenxing.plugins.safety.hazard.DeadlineJob;
import cn.zhenxing.plugins.safety.hazard.HazardRoutes;
import cn.zhenxing.plugins.safety.hazard.HazardSheet;
import cn.zhenxing.plugins.safety.hazard.QuarterlyStatistics;
import cn.zhenxing.plugins.safety.outsourcing.OutsourcingRoutes;
import cn.zhenxing.plugins.safety.quiz.QuestionBank;
import cn.zhenxing.plugins.safety.quiz.QuizRoutes;
import cn.zhenxing.plugins.safety.quiz.Submissions;
import cn.zhenxing.plugins.safety.training.TrainingRoutes;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import cn.zhenxing.sdk.job.JobSpec;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.pf4j.Extension;

/**
 * The {@code safety} plugin: 安全生产月与隐患整改 / Work-safety month and hazard rectification. Wiring only; the
 * features live in their packages.
 */
@Extension
public final class SafetyPlugin implements ZhenxingPlugin {

  @Override
  public void register(PluginContext ctx) {
    SafetySettings settings = SafetySettings.of(ctx.config());
    Router city = ctx.http().city();
    Router county = ctx.http().county();
    ctx.http().openApi("openapi/safety.yaml");

    CampaignRoutes campaigns = new CampaignRoutes(ctx);
    campaigns.mount(city, county);
    ctx.seedData(campaigns::seed);
    ctx.demoData(conn -> DemoData.insert(conn, ctx.counties().counties(),
        LocalDate.now(ctx.clock().withZone(ctx.zone())), OffsetDateTime.now(ctx.clock())));

    ctx.jobs().schedule(JobSpec.cron("campaign-progress", settings.progressCron()).cityWide()
            .timeout(Duration.ofMinutes(2))
            .description("安全生产月活动进度汇总 / Snapshot of each county's campaign progress"),
        new CampaignProgressJob(ctx.zone())::run);

    new EnterpriseRoutes(ctx).mount(county);
    EnterpriseSheet.register(ctx.sheets(), ctx.clock());
    new HazardRoutes(ctx).mount(city, county);
    HazardSheet.register(ctx.sheets(), ctx.clock());
    new OutsourcingRoutes(ctx).mount(county);
    new TrainingRoutes(ctx).mount(county);
    new CardRoutes(ctx).mount(county);
    new EducationRoutes(ctx).mount(county);
    new QuestionBank(ctx).mount(city);
    new QuizRoutes(ctx).mount(city, county);
    new Submissions(ctx).mount(county);

    DeadlineJob deadlines = new DeadlineJob(ctx.notifications(), ctx.zone());
    ctx.jobs().schedule(JobSpec.cron("deadlines", settings.deadlinesCron()).timeout(Duration.ofMinutes(2))
        .description("逾期隐患标记与升级提醒 / Marks hazards past their deadline overdue and escalates them"),
        deadlines::run);
    QuarterlyStatistics statistics = new QuarterlyStatistics(ctx);
    statistics.mount(city, county);
    ctx.jobs().schedule(JobSpec.cron("quarterly-statistics", settings.statisticsCron()).timeout(Duration.ofMinutes(5))
        .description("企业季度隐患统计 / Hazard statistics per enterprise for the quarter just ended"),
        statistics::run);

    new SafetyFigures(ctx).register(ctx.metrics());
  }
}
