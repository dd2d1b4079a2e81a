package cn.zhenxing.plugins.safety;

import cn.zhenxing.plugins.safety.enterprise.CreditCode;
import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;

/** Building requests the tests send. */
final class Fixtures {

  private Fixtures() {
  }

  /** A valid unified social credit code: the county's division code and a serial number, with its check character. */
  static String creditCode(String county, int serial) {
    String first17 = "91" + county + String.format("MA%07d", serial);
    return first17 + CreditCode.checkCharacter(first17);
  }

  static JsonObject enterprise(String name, String code) {
    return new JsonObject().put("name", name).put("creditCode", code).put("industry", "制造业")
        .put("riskLevel", "high").put("keyEnterprise", true).put("township", "北关街道");
  }

  static long createEnterprise(TestHttp http, String county, String name, int serial) {
    return Support.created(http.post("/api/v1/safety/counties/" + county + "/enterprises",
        enterprise(name, creditCode(county, serial)))).getLong("id");
  }

  static JsonObject hazard(long enterprise, String level, LocalDate found, LocalDate deadline) {
    JsonObject h = new JsonObject().put("enterpriseId", enterprise).put("foundOn", found.toString())
        .put("foundBy", "department_inspection").put("description", "动火作业现场未配备灭火器材")
        .put("level", level).put("responsiblePerson", "王主任").put("deadline", deadline.toString());
    return "major".equals(level) ? h.put("plan", "停产整改，聘请专家制定方案") : h;
  }

  static LocalDate today(ZhenxingExtension zx) {
    return LocalDate.ofInstant(zx.clock().instant(), ZoneId.of("Asia/Shanghai"));
  }
}
