package cn.zhenxing.plugins.monitoring.household;

import java.util.List;

/** The dictionaries of the register, as the national monitoring system (全国防返贫监测信息系统) words them. */
public final class Vocabulary {

  private Vocabulary() {
  }

  /** What a household is; the medical-cost rule differs between them. */
  public static final List<String> CATEGORIES = List.of("脱贫户", "一般农户");
  public static final String ALLEVIATED = "脱贫户";
  /** The monitoring object types a county decision assigns. */
  public static final List<String> MONITORING_TYPES = List.of("脱贫不稳定户", "边缘易致贫户", "突发严重困难户");
  public static final List<String> RISK_STATES = List.of("normal", "warned", "identifying", "monitored", "eliminated");
  public static final List<String> RELATIONS = List.of("户主", "配偶", "子女", "父母", "孙子女", "兄弟姐妹", "其他");
  public static final String HEAD = "户主";
  public static final List<String> LABOUR = List.of("普通劳动力", "弱劳动力", "丧失劳动力", "无劳动力");
  public static final List<String> HEALTH = List.of("健康", "长期慢性病", "患有大病", "残疾");
  public static final List<String> SCHOOLING = List.of("学龄前", "在校生", "非在校生", "辍学");
  /** Working age for "has working-age labour" at risk elimination: 16 to 60 years. */
  public static final int WORKING_AGE_FROM = 16;
  public static final int WORKING_AGE_TO = 60;
}
