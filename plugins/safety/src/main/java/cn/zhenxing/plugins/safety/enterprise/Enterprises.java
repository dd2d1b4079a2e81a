package cn.zhenxing.plugins.safety.enterprise;

import java.util.List;

/** The dictionaries of the enterprise register. */
public final class Enterprises {

  /** Risk levels, red to blue: 重大风险, 较大风险, 一般风险, 低风险. */
  public static final List<String> RISK_ORDER = List.of("major", "high", "general", "low");

  private Enterprises() {
  }
}
