package cn.zhenxing.plugins.monitoring.household;

import cn.zhenxing.sdk.http.Fields;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The household's own fields as a request gives them. On create the area, number and category are required; on
 * update every field is optional and a missing one stays as it is ({@link Fields#has}).
 */
record HouseholdInput(String township, String village, String householdNo, String category, Boolean relocated,
                      String community, BigDecimal income, LocalDate incomeFrom) {

  static HouseholdInput read(Fields f, boolean create) {
    String township = f.text("township", 50, create);
    String village = f.text("village", 50, create);
    String number = f.text("householdNo", 30, create);
    String category = f.oneOf("category", Vocabulary.CATEGORIES, create);
    Boolean relocated = f.has("relocated") ? f.bool("relocated", false) : null;
    String community = f.text("resettlementCommunity", 60, false);
    BigDecimal income = f.decimal("incomePerCapita", BigDecimal.ZERO, new BigDecimal("9999999999"), false);
    LocalDate from = f.date("incomeFrom", income != null);
    f.check(from == null || from.getDayOfMonth() == 1, "incomeFrom",
        "应为某月 1 日，收入覆盖此后 12 个月 / must be the first day of a month; the income covers the 12 months from it");
    f.check(from == null || income != null, "incomePerCapita", "填写收入期间时必填 / required with incomeFrom");
    f.check(!Boolean.TRUE.equals(relocated) || community != null, "resettlementCommunity",
        "易地搬迁户必填安置社区 / required for a relocated household");
    return new HouseholdInput(township, village, number, category, relocated, community, income, from);
  }

  static LocalDate incomeTo(LocalDate from) {
    return from == null ? null : from.plusMonths(12).minusDays(1);
  }
}
