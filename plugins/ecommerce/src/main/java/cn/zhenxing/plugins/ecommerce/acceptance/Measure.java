package cn.zhenxing.plugins.ecommerce.acceptance;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What an acceptance criterion measures about an e-town; the city sets the threshold of each (data, not code). */
public enum Measure {
  ANNUAL_ONLINE_SALES("annual_online_sales", "近12个月网络销售额（元） / online sales of the last 12 months (yuan)"),
  LEADERS("leaders", "电商带头人数 / e-commerce leaders"),
  TRAINED_LEADERS("trained_leaders", "参加过培训的带头人数 / leaders who attended training"),
  LINKED_HOUSEHOLDS("linked_households", "联农带农户数 / linked households"),
  HOUSEHOLD_INCOME("household_income", "带动农户增收（元） / income gained by linked households (yuan)");

  private final String code;
  private final String label;

  Measure(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  public static List<String> codes() {
    return Arrays.stream(values()).map(Measure::code).toList();
  }

  public static Optional<Measure> of(String code) {
    return Arrays.stream(values()).filter(m -> m.code.equals(code)).findFirst();
  }
}
