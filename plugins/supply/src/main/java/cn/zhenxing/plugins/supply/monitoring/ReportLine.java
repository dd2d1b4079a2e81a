package cn.zhenxing.plugins.supply.monitoring;

import cn.zhenxing.plugins.supply.support.Products;
import cn.zhenxing.sdk.http.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One product of a monthly report: retail price (yuan per tonne), cumulative sales, stock and purchases (tonnes).
 */
record ReportLine(String product, BigDecimal retailPrice, BigDecimal cumulativeSales, BigDecimal stock,
                  BigDecimal purchases) {

  private static final BigDecimal MAX = new BigDecimal("100000000");

  /** The lines of a report body, every bad one named ({@code lines[2].retailPrice}). */
  static List<ReportLine> read(Fields f) {
    JsonArray array = f.array("lines", Products.CODES.size(), true);
    f.check(!array.isEmpty() || !f.has("lines"), "lines", "至少填报一个品种 / at least one product");
    List<ReportLine> lines = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject object)) {
        f.check(false, "lines[" + i + "]", "应为对象 / must be an object");
        continue;
      }
      Fields line = f.nested(object, "lines[" + i + "]");
      String product = line.oneOf("product", Products.CODES, true);
      line.check(product == null || seen.add(product), "product", "品种重复 / product listed twice");
      BigDecimal price = line.decimal("retailPrice", null, MAX, true);
      line.check(price == null || price.signum() > 0, "retailPrice", "应大于 0 / must be greater than 0");
      lines.add(new ReportLine(product, price, line.decimal("cumulativeSales", BigDecimal.ZERO, MAX, true),
          line.decimal("stock", BigDecimal.ZERO, MAX, true), line.decimal("purchases", BigDecimal.ZERO, MAX, true)));
    }
    return lines;
  }
}
