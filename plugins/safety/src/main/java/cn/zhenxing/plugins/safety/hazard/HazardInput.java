package cn.zhenxing.plugins.safety.hazard;

import cn.zhenxing.sdk.http.Fields;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;

/** The fields of a new hazard, with the register's rules; a 422 names every bad field. */
record HazardInput(String code, long enterpriseId, LocalDate foundOn, String foundBy, String description,
                   String level, String responsiblePerson, String plan, LocalDate deadline) {

  static HazardInput read(JsonObject body, LocalDate today) {
    Fields f = Fields.of(body);
    String code = f.text("code", 40, false);
    Long enterprise = f.integer("enterpriseId", 1, Long.MAX_VALUE, true);
    LocalDate found = f.date("foundOn", true);
    f.check(found == null || !found.isAfter(today), "foundOn", "不能晚于今天 / must not be in the future");
    String foundBy = f.oneOf("foundBy", Hazards.FOUND_BY_ORDER, true);
    String description = f.text("description", 1000, true);
    String level = f.oneOf("level", Hazards.LEVEL_ORDER, true);
    String responsible = f.text("responsiblePerson", 50, true);
    String plan = f.text("plan", 2000, false);
    f.check(plan != null || !"major".equals(level), "plan",
        "重大隐患须填写整改方案 / a major hazard needs a rectification plan");
    LocalDate deadline = f.date("deadline", true);
    f.check(deadline == null || found == null || !deadline.isBefore(found), "deadline",
        "不能早于发现日期 / must not be before foundOn");
    f.validate();
    return new HazardInput(code, enterprise, found, foundBy, description, level, responsible, plan, deadline);
  }
}
