package cn.zhenxing.plugins.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.zhenxing.testkit.TestHttp;
import cn.zhenxing.testkit.TestResponse;
import cn.zhenxing.testkit.ZhenxingExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

/** Test helpers: the server, valid ID-card numbers, households, today on the server's clock. */
final class Cases {

  private static final AtomicInteger SEQ = new AtomicInteger(100);

  private Cases() {
  }

  /** The server the monitoring tests run: the plugin alone, gauges refreshed every second. */
  static ZhenxingExtension server() {
    return ZhenxingExtension.builder()
        .plugin("monitoring", MonitoringPlugin::new)
        .config("metrics.refreshSeconds", "1")
        .build();
  }

  /** A valid 18-digit ID-card number for the county, born on the given date, new on every call. */
  static String idNumber(String county, String birth) {
    return idNumber(county, birth, SEQ.incrementAndGet() % 1000);
  }

  /** The valid ID-card number of the county, birth date ({@code yyyy-MM-dd}) and sequence (0–999). */
  static String idNumber(String county, String birth, int sequence) {
    String body = county + birth.replace("-", "") + String.format("%03d", sequence);
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body.charAt(i) - '0') * weights[i];
    }
    return body + "10X98765432".charAt(sum % 11);
  }

  static JsonObject member(String name, String id, String relation, String birth, String labour, boolean earner) {
    return new JsonObject().put("name", name).put("idNumber", id).put("relation", relation).put("birthDate", birth)
        .put("labour", labour).put("health", "健康").put("schooling", "非在校生").put("mainEarner", earner);
  }

  /** A household body with a working head (born 1978) and a spouse. */
  static JsonObject household(String county, String number, String headId, String income) {
    JsonObject body = new JsonObject().put("township", "云竹镇").put("village", "王家庄村").put("householdNo", number)
        .put("category", "脱贫户")
        .put("members", new JsonArray()
            .add(member("王建国", headId, "户主", "1978-03-05", "普通劳动力", true))
            .add(member("李秀英", idNumber(county, "1980-07-09"), "配偶", "1980-07-09", "普通劳动力", false)));
    if (income != null) {
      body.put("incomePerCapita", income).put("incomeFrom", "2025-01-01");
    }
    return body;
  }

  static long createHousehold(TestHttp http, String county, String number, String headId, String income) {
    TestResponse r = http.post(base(county) + "/households", household(county, number, headId, income));
    assertEquals(201, r.status(), r::toString);
    return r.json().getLong("id");
  }

  static String base(String county) {
    return "/api/v1/monitoring/counties/" + county;
  }

  static LocalDate today(ZhenxingExtension zx) {
    return LocalDate.now(zx.clock());
  }
}
