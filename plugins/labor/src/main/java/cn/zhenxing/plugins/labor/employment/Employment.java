package cn.zhenxing.plugins.labor.employment;

import cn.zhenxing.sdk.http.Fields;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An employment record as a request states it, with the rules between its fields.
 *
 * @param place     {@code county} (within the labourer's county), {@code province} (elsewhere in Shanxi) or
 *                  {@code outside} (outside the province, which {@code province} then names)
 * @param foundVia  how the job was found: {@code brand}, {@code intermediary} (then {@code intermediaryId}),
 *                  {@code public-welfare} (公益性岗位) or {@code self}
 */
record Employment(long labourerId, String employer, String place, String province, String sector,
                  LocalDate startDate, LocalDate endDate, BigDecimal monthlyIncome, String foundVia,
                  Long intermediaryId) {

  static final List<String> PLACES = List.of("county", "province", "outside");
  static final List<String> FOUND_VIA = List.of("brand", "intermediary", "public-welfare", "self");
  /** The home province: "outside the province" must name another one. */
  private static final List<String> SHANXI = List.of("山西", "山西省");

  static Employment read(Fields f) {
    Long labourerId = f.integer("labourerId", 1, Long.MAX_VALUE, true);
    String employer = f.text("employer", 100, true);
    String place = f.oneOf("place", PLACES, true);
    String province = f.text("province", 20, false);
    String sector = f.text("sector", 50, true);
    LocalDate start = f.date("startDate", true);
    LocalDate end = f.date("endDate", false);
    BigDecimal income = f.decimal("monthlyIncome", BigDecimal.ZERO, new BigDecimal("99999999.99"), false);
    String foundVia = f.oneOf("foundVia", FOUND_VIA, true);
    Long intermediaryId = f.integer("intermediaryId", 1, Long.MAX_VALUE, false);
    f.check(!"outside".equals(place) || province != null, "province",
        "省外务工须填写省份 / required when the place is outside the province");
    f.check(!"outside".equals(place) || province == null || !SHANXI.contains(province), "province",
        "省外务工的省份不能是山西 / must be a province other than Shanxi");
    f.check("outside".equals(place) || province == null, "province",
        "仅省外务工填写省份 / only for employment outside the province");
    f.check(end == null || start == null || !end.isBefore(start), "endDate",
        "不能早于开始日期 / must not be before startDate");
    f.check(!"intermediary".equals(foundVia) || intermediaryId != null, "intermediaryId",
        "经中介组织就业须填写中介组织 / required when the job was found through an intermediary");
    f.check("intermediary".equals(foundVia) || intermediaryId == null, "intermediaryId",
        "仅经中介组织就业时填写 / only when the job was found through an intermediary");
    f.validate();
    return new Employment(labourerId, employer, place, province, sector, start, end, income, foundVia,
        intermediaryId);
  }
}
