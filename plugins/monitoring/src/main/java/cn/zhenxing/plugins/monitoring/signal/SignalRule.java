package cn.zhenxing.plugins.monitoring.signal;

import cn.zhenxing.plugins.monitoring.household.Vocabulary;
import cn.zhenxing.plugins.monitoring.rule.RuleSet;
import java.math.BigDecimal;
import java.util.Optional;

/** Which rule of the year's rule set a signal fires, if any: the thresholds are data, the mapping is here. */
final class SignalRule {

  /** The rule that fired, its level and the words of the warning. */
  record Fired(String rule, int level, String detail) {
  }

  private SignalRule() {
  }

  static Optional<Fired> assess(RuleSet r, String channel, String kind, BigDecimal amount, String category,
      boolean mainEarner) {
    Optional<Fired> fired = switch (kind) {
      case "illness" -> {
        BigDecimal threshold = Vocabulary.ALLEVIATED.equals(category) ? r.medicalAlleviated() : r.medicalOther();
        yield atLeast(amount, threshold) ? Optional.of(new Fired("medical", r.medicalLevel(),
            "医疗自付费用 " + amount.toPlainString() + " 元，达到" + category + "标准 " + threshold.toPlainString() + " 元"))
            : Optional.empty();
      }
      case "schooling" -> atLeast(amount, r.schoolingThreshold()) ? Optional.of(new Fired("schooling",
          r.schoolingLevel(), "教育支出 " + amount.toPlainString() + " 元，超过标准 "
              + r.schoolingThreshold().toPlainString() + " 元")) : Optional.empty();
      case "disaster" -> atLeast(amount, r.disasterLoss()) ? Optional.of(new Fired("disaster", r.disasterLevel(),
          "灾害损失 " + amount.toPlainString() + " 元，达到标准 " + r.disasterLoss().toPlainString() + " 元"))
          : Optional.empty();
      case "unemployment" -> mainEarner ? Optional.of(new Fired("unemployment", r.unemploymentLevel(),
          "家庭主要劳动力失业")) : Optional.empty();
      case "income-drop" -> amount != null && amount.compareTo(r.incomeThreshold()) < 0
          ? Optional.of(new Fired("income", r.incomeLevel(), "人均纯收入降至 " + amount.toPlainString()
              + " 元，低于监测范围 " + r.incomeThreshold().toPlainString() + " 元"))
          : Optional.empty();
      default -> Optional.of(new Fired("other", r.otherLevel(), "风险信号：" + word(kind)));
    };
    // A household's own declaration is always checked by a visit, even below every threshold.
    if (fired.isEmpty() && "自主申报".equals(channel)) {
      return Optional.of(new Fired("other", r.otherLevel(), "农户自主申报：" + word(kind) + "，待入户核实"));
    }
    return fired;
  }

  private static boolean atLeast(BigDecimal amount, BigDecimal threshold) {
    return amount != null && amount.compareTo(threshold) >= 0;
  }

  static String word(String kind) {
    return switch (kind) {
      case "illness" -> "因病";
      case "schooling" -> "因学";
      case "disaster" -> "因灾";
      case "accident" -> "因意外事故";
      case "unemployment" -> "失业";
      case "income-drop" -> "收入骤减";
      case "housing" -> "住房安全";
      case "drinking-water" -> "饮水安全";
      default -> "其他";
    };
  }
}
