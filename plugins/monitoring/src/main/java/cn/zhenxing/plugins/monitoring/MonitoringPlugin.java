package cn.zhenxing.plugins.monitoring;

import cn.zhenxing.plugins.monitoring.analysis.AnalysisRoutes;
import cn.zhenxing.plugins.monitoring.comparison.ComparisonMetrics;
import cn.zhenxing.plugins.monitoring.comparison.ComparisonRoutes;
import cn.zhenxing.plugins.monitoring.comparison.ComparisonSheet;
import cn.zhenxing.plugins.monitoring.dashboard.MonitoringMetrics;
import cn.zhenxing.plugins.monitoring.demo.DemoPopulation;
import cn.zhenxing.plugins.monitoring.demo.DemoProgrammes;
import cn.zhenxing.plugins.monitoring.household.HouseholdRoutes;
import cn.zhenxing.plugins.monitoring.household.HouseholdSheets;
import cn.zhenxing.plugins.monitoring.insurance.InsuranceMetrics;
import cn.zhenxing.plugins.monitoring.insurance.InsuranceRoutes;
import cn.zhenxing.plugins.monitoring.insurance.Uninsured;
import cn.zhenxing.plugins.monitoring.measure.MeasureRoutes;
import cn.zhenxing.plugins.monitoring.meeting.MeetingMetrics;
import cn.zhenxing.plugins.monitoring.meeting.MeetingRoutes;
import cn.zhenxing.plugins.monitoring.procedure.ProcedureRoutes;
import cn.zhenxing.plugins.monitoring.procedure.Procedures;
import cn.zhenxing.plugins.monitoring.relocation.RelocationMetrics;
import cn.zhenxing.plugins.monitoring.relocation.RelocationRoutes;
import cn.zhenxing.plugins.monitoring.report.QuarterlyReport;
import cn.zhenxing.plugins.monitoring.report.ReportRoutes;
import cn.zhenxing.plugins.monitoring.rule.NightlyEvaluation;
import cn.zhenxing.plugins.monitoring.rule.RuleRoutes;
import cn.zhenxing.plugins.monitoring.rule.Rules;
import cn.zhenxing.plugins.monitoring.schedule.ScheduleDemo;
import cn.zhenxing.plugins.monitoring.schedule.ScheduleMetrics;
import cn.zhenxing.plugins.monitoring.schedule.ScheduleRoutes;
import cn.zhenxing.plugins.monitoring.signal.EmploymentLost;
import cn.zhenxing.plugins.monitoring.signal.SignalIntake;
import cn.zhenxing.plugins.monitoring.signal.SignalRoutes;
import cn.zhenxing.plugins.monitoring.support.History;
import cn.zhenxing.plugins.monitoring.support.Settings;
import cn.zhenxing.plugins.monitoring.warning.SlaCheck;
import cn.zhenxing.plugins.monitoring.warning.WarningRoutes;
import cn.zhenxing.plugins.monitoring.warning.Warnings;
import cn.zhenxing.sdk.PluginContext;
import cn.zhenxing.sdk.ZhenxingPlugin;
import cn.zhenxing.sdk.event.EventTypes;
import cn.zhenxing.sdk.job.JobSpec;
import io.vertx.ext.web.Router;
import java.time.Duration;
import org.pf4j.Extension;

/** The `monitoring` plugin: 防止返贫动态监测和帮扶 / Monitoring and assistance. Wiring only; the features live in their packages. */
@Extension
public final class MonitoringPlugin implements ZhenxingPlugin {

  @Override
  public void register(PluginContext ctx) {
    Settings settings = Settings.from(ctx.config());
    History history = new History(ctx.clock());
    Rules rules = new Rules(settings.province());
    Warnings warnings = new Warnings(ctx.clock(), settings, ctx.notifications());
    Procedures procedures = new Procedures(ctx.clock(), settings, rules, history);
    SignalIntake intake = new SignalIntake(ctx.clock(), rules, warnings);
    String approve = ctx.permissions().declare("approve",
        "县级确定监测对象与风险消除 / Approve identifications and risk eliminations (county decision)");

    String reveal = ctx.permissions().declare("reveal",
        "导出完整身份证号 / Export full ID-card numbers of the register");
    new HouseholdSheets(ctx).register(reveal);
    new ComparisonSheet(ctx, intake, rules.province()).register();

    Router county = ctx.http().county();
    new HouseholdRoutes(ctx, history).mount(county);
    new SignalRoutes(ctx, intake).mount(county);
    new WarningRoutes(ctx, history, procedures).mount(county);
    new ProcedureRoutes(ctx, settings, history, procedures, approve).mount(county);
    new MeasureRoutes(ctx, history).mount(county);
    new ReportRoutes(ctx).mount(county);
    new InsuranceRoutes(ctx).mount(county);
    new RelocationRoutes(ctx, settings.fiveGoodPassScore()).mount(county);
    new RuleRoutes(ctx).mount(ctx.http().city());
    MeetingRoutes.mount(ctx, county, ctx.http().city());
    new ComparisonRoutes(ctx).mount(county);
    new AnalysisRoutes(ctx).mount(county, ctx.http().city());
    new ScheduleRoutes(ctx).mount(county, ctx.http().city());
    ctx.http().openApi("openapi/monitoring.yaml");
    // The handlers check these first; the declarations name the field when two requests race past the check.
    ctx.http().constraint("member_id_index", "idNumber",
        "该身份证号已登记在其他户 / this ID-card number is already registered in a household");
    ctx.http().constraint("household_county_code_household_no_key", "householdNo",
        "户编号在本县已存在 / household number already used in this county");
    ctx.http().constraint("insurance_policy_county_code_policy_no_key", "policyNo",
        "保单号在本县已存在 / policy number already used in this county");
    ctx.http().constraint("resettlement_community_county_code_name_key", "name",
        "安置社区在本县已登记 / resettlement community already registered in this county");

    ctx.events().subscribe(EventTypes.EMPLOYMENT_LOST, new EmploymentLost(intake)::handle);

    ctx.jobs().schedule(JobSpec.cron("rule-evaluation", "0 1 * * *").timeout(Duration.ofMinutes(30))
        .description("夜间规则研判：收入低于监测范围的户生成预警 / Nightly rule evaluation"),
        new NightlyEvaluation(ctx, rules, warnings, new Uninsured(ctx, rules, warnings))::run);
    ctx.jobs().schedule(JobSpec.cron("sla-check", "15 * * * *").timeout(Duration.ofMinutes(5))
        .description("预警时限检查与逾期升级 / Warning SLA check and escalation"), new SlaCheck(ctx)::run);
    ctx.jobs().schedule(JobSpec.cron("quarterly-report", "0 3 1 1,4,7,10 *").timeout(Duration.ofMinutes(10))
        .description("季度序时进度报告 / Quarterly progress report"), new QuarterlyReport(ctx)::run);

    new MonitoringMetrics(ctx).register();
    new InsuranceMetrics(ctx).register();
    new RelocationMetrics(ctx).register();
    new MeetingMetrics(ctx).register();
    new ComparisonMetrics(ctx).register();
    new ScheduleMetrics(ctx).register();
    ctx.seedData(conn -> Rules.seed(conn, ctx.clock().instant()));
    DemoPopulation population = new DemoPopulation(ctx, settings.demoHouseholds());
    ctx.demoData(conn -> population.insert(conn).compose(v -> DemoProgrammes.insert(conn, ctx.clock()))
        .compose(v -> ScheduleDemo.insert(conn, ctx.clock())));
  }
}
