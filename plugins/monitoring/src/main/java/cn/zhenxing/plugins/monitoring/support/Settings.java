package cn.zhenxing.plugins.monitoring.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The plugin's configuration ({@code plugins.monitoring} section) with its defaults. Values may arrive as strings
 * (environment variables, test overrides), so every number is parsed leniently.
 *
 * @param province       the province whose rule set applies (GB/T 2260, default 140000 山西省)
 * @param visitDays      working days to check a warning by a cadre visit (default 5)
 * @param settleDays     working days to settle a warning (default 15)
 * @param identifyDays   calendar days from the first signal to the county decision of an identification (default 15)
 * @param noticeDays     the shortest public notice in days (default 5)
 * @param calendar       the working-day calendar
 * @param demoHouseholds households the demo generator creates across the 11 counties (default 3000)
 * @param fiveGoodPassScore the score (0–100) every dimension of a five-good community assessment must reach (80)
 */
public record Settings(String province, int visitDays, int settleDays, int identifyDays, int noticeDays,
                       WorkCalendar calendar, int demoHouseholds, int fiveGoodPassScore) {

  public static Settings from(JsonObject config) {
    JsonObject sla = object(config, "sla");
    JsonObject cal = object(config, "calendar");
    return new Settings(
        String.valueOf(config.getValue("province", "140000")),
        integer(sla.getValue("visitWorkingDays"), 5),
        integer(sla.getValue("settleWorkingDays"), 15),
        integer(config.getValue("identificationDays"), 15),
        integer(config.getValue("noticeDays"), 5),
        new WorkCalendar(dates(cal.getValue("holidays")), dates(cal.getValue("workdays"))),
        integer(object(config, "demo").getValue("households"), 3000),
        integer(object(config, "relocation").getValue("fiveGoodPassScore"), 80));
  }

  private static JsonObject object(JsonObject parent, String key) {
    return parent.getValue(key) instanceof JsonObject o ? o : new JsonObject();
  }

  private static int integer(Object value, int fallback) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    if (value instanceof String s && !s.isBlank()) {
      return Integer.parseInt(s.strip());
    }
    return fallback;
  }

  /** A list of ISO dates: a JSON array, or a comma-separated string (environment variables). */
  private static Set<LocalDate> dates(Object value) {
    Set<LocalDate> out = new LinkedHashSet<>();
    if (value instanceof JsonArray a) {
      a.forEach(v -> out.add(LocalDate.parse(String.valueOf(v).strip())));
    } else if (value instanceof String s) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(LocalDate.parse(part.strip()));
        }
      }
    }
    return out;
  }
}
