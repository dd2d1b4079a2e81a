package cn.zhenxing.plugins.monitoring.household;

import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.personal.PersonalData;
import cn.zhenxing.sdk.personal.Sealed;
import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;

/** One member as a request gives it, read with its rules; the ID-card number sealed at once. */
record MemberInput(String field, String name, Sealed id, String relation, LocalDate birthDate, String labour,
                   String health, String schooling, boolean mainEarner) {

  /**
   * Reads a member from {@code f}; {@code field} is its path in the request ({@code members[1]}) for error names.
   * The ID is sealed only if the rest of the reading went well enough to have a value.
   */
  static MemberInput read(Fields f, String field, PersonalData personal, LocalDate today) {
    String name = f.text("name", 30, true);
    String idText = f.text("idNumber", 18, true);
    String relation = f.oneOf("relation", Vocabulary.RELATIONS, true);
    LocalDate birth = f.date("birthDate", true);
    String labour = f.oneOf("labour", Vocabulary.LABOUR, true);
    String health = f.oneOf("health", Vocabulary.HEALTH, true);
    String schooling = f.oneOf("schooling", Vocabulary.SCHOOLING, true);
    boolean mainEarner = f.bool("mainEarner", false);
    f.check(birth == null || !birth.isAfter(today), "birthDate", "不能晚于今天 / must not be in the future");
    Sealed id = null;
    if (idText != null) {
      String path = field.isEmpty() ? "idNumber" : field + ".idNumber";
      try {
        id = personal.sealIdCard(path, idText);
      } catch (Problem p) {
        f.check(false, "idNumber", p.errors().isEmpty() ? "身份证号无效 / invalid ID-card number"
            : p.errors().get(0).reason());
      }
    }
    return new MemberInput(field, name, id, relation, birth, labour, health, schooling, mainEarner);
  }

  String idField() {
    return field.isEmpty() ? "idNumber" : field + ".idNumber";
  }

  static JsonObject detail(MemberInput m) {
    return new JsonObject().put("name", m.name()).put("idNumber", m.id().masked()).put("relation", m.relation())
        .put("labour", m.labour()).put("health", m.health()).put("schooling", m.schooling())
        .put("mainEarner", m.mainEarner());
  }
}
