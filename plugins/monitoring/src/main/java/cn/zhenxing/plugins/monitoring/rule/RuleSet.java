package cn.zhenxing.plugins.monitoring.rule;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;

/**
 * One province's monitoring rules for one year (data, edited by the city, never constants in code). Amounts in yuan;
 * levels 1 关注, 2 预警, 3 紧急.
 */
public record RuleSet(String province, int year, BigDecimal incomeThreshold, int incomeLevel,
                      BigDecimal medicalAlleviated, BigDecimal medicalOther, int medicalLevel,
                      BigDecimal schoolingThreshold, int schoolingLevel, BigDecimal disasterLoss, int disasterLevel,
                      int unemploymentLevel, int otherLevel) {

  static final String COLUMNS = "province, year, income_threshold, income_level, medical_threshold_alleviated,"
      + " medical_threshold_other, medical_level, schooling_threshold, schooling_level, disaster_loss_threshold,"
      + " disaster_level, unemployment_level, other_level";

  static RuleSet of(Row r) {
    return new RuleSet(r.getString("province"), r.getInteger("year"), r.getBigDecimal("income_threshold"),
        r.getInteger("income_level"), r.getBigDecimal("medical_threshold_alleviated"),
        r.getBigDecimal("medical_threshold_other"), r.getInteger("medical_level"),
        r.getBigDecimal("schooling_threshold"), r.getInteger("schooling_level"),
        r.getBigDecimal("disaster_loss_threshold"), r.getInteger("disaster_level"),
        r.getInteger("unemployment_level"), r.getInteger("other_level"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("province", province).put("year", year)
        .put("incomeThreshold", incomeThreshold.toPlainString()).put("incomeLevel", incomeLevel)
        .put("medicalThresholdAlleviated", medicalAlleviated.toPlainString())
        .put("medicalThresholdOther", medicalOther.toPlainString()).put("medicalLevel", medicalLevel)
        .put("schoolingThreshold", schoolingThreshold.toPlainString()).put("schoolingLevel", schoolingLevel)
        .put("disasterLossThreshold", disasterLoss.toPlainString()).put("disasterLevel", disasterLevel)
        .put("unemploymentLevel", unemploymentLevel).put("otherLevel", otherLevel);
  }
}
