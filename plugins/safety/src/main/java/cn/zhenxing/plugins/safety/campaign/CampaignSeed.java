package cn.zhenxing.plugins.safety.campaign;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The 2023 campaign of the seed document (the city newspaper's report of 26 May 2023): the 22nd national Work Safety
 * Month, June 2023, theme 人人讲安全、个个会应急, focused on the special investigation of major accident hazards, with
 * its 8 activities in the order the article lists them. Idempotent: inserted only when missing.
 *
 * <p>The article also mentions, after the 8 ("此外"), the media and expert field interviews (晋安记者行、区域行); they
 * are not one of the 8 and are recorded as study and education events of type {@code media_interview} instead. Each
 * activity's owner is the body the article names for it, else the city's Emergency Management Bureau, which presented
 * the plan. Every activity runs through June; each county's default target is the one the article gives
 * ("一次" = 1) and counties set their own.
 */
final class CampaignSeed {

  record Activity(String name, String description, String owner) {
  }

  static final int YEAR = 2023;
  static final List<Activity> ACTIVITIES = List.of(
      new Activity("集中学习教育",
          "市县安委会、安委会成员单位、各重点企业党委（组）学习中心组组织开展一次集中学习教育，推动各级领导干部强化安全发展理念",
          "市县安委会及成员单位、重点企业党委（组）"),
      new Activity("企业主要负责人“五带头”宣传活动", "积极开展企业主要负责人“五带头”宣传活动", "企业主要负责人"),
      new Activity("“动火作业风险我知道”宣传活动",
          "督促企业对电焊工等危险作业人员开展安全培训，向从业人员发放岗位风险告知卡和安全操作卡，落实从业人员安全生产岗位责任",
          "市应急管理局"),
      new Activity("“外包外租大排查”活动",
          "督促企业在宣传栏张贴安全法律法规和安全生产知识，开展外包外租典型违法案例专题警示教育，对外包外租项目开展一次大排查，"
              + "坚决纠正或取缔违法违规外包外租项目",
          "市应急管理局"),
      new Activity("应急科普“五个一”活动", "组织应急科普“五个一”活动，提升公众安全意识和应急处置能力", "市应急管理局"),
      new Activity("安全生产、防灾减灾知识网络竞赛答题活动", "组织安全生产、防灾减灾知识网络竞赛答题活动", "市应急管理局"),
      new Activity("安全生产事故警示教育", "“安全生产月”期间，各行业领域、所有企业开展安全生产警示教育", "各行业领域、所有企业"),
      new Activity("“安全宣传咨询日”现场宣传活动",
          "面向社会公众和从业人员集中宣传安全生产方针政策、法律法规、重大事故隐患专项排查整治行动，以及安全生产岗位责任、"
              + "避险逃生技能等科普知识",
          "市应急管理局"));

  private CampaignSeed() {
  }

  static Future<Void> insert(SqlConnection conn, OffsetDateTime now) {
    String[] names = ACTIVITIES.stream().map(Activity::name).toArray(String[]::new);
    String[] descriptions = ACTIVITIES.stream().map(Activity::description).toArray(String[]::new);
    String[] owners = ACTIVITIES.stream().map(Activity::owner).toArray(String[]::new);
    return conn.preparedQuery("INSERT INTO safety.campaign (year, edition, month, theme, focus, created_at)"
            + " VALUES ($1, 22, 6, '人人讲安全、个个会应急', '重大事故隐患专项排查整治', $2) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(YEAR, now))
        .compose(v -> conn.preparedQuery("INSERT INTO safety.activity (campaign_id, ordinal, name, description, owner,"
                + " starts_on, ends_on, target_count, unit)"
                + " SELECT c.id, a.ordinal, a.name, a.description, a.owner, $5, $6, 1, '次'"
                + " FROM safety.campaign c,"
                + " unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS a (name, description, owner, ordinal)"
                + " WHERE c.year = $1 ON CONFLICT DO NOTHING")
            .execute(Tuple.of(YEAR, names, descriptions, owners, LocalDate.of(YEAR, 6, 1), LocalDate.of(YEAR, 6, 30))))
        .mapEmpty();
  }
}
