package cn.zhenxing.plugins.supply.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The programme's fixed product list (also the table {@code supply.product}). {@code fertilizer} stands for 化肥
 * where the source does not name the kind, as in the city's 20,000 t agreement with the provincial group.
 */
public final class Products {

  public static final Map<String, String> NAMES = names();
  public static final List<String> CODES = List.copyOf(NAMES.keySet());

  private Products() {
  }

  private static Map<String, String> names() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("urea", "尿素");
    names.put("compound", "复合肥");
    names.put("phosphate", "磷肥");
    names.put("potash", "钾肥");
    names.put("fertilizer", "化肥（未分品种）");
    names.put("pesticide", "农药");
    names.put("seed", "种子");
    names.put("film", "农膜");
    names.put("other", "其他");
    return java.util.Collections.unmodifiableMap(names);
  }

  /** The Chinese name of a product code (the code itself if unknown). */
  public static String name(String code) {
    return NAMES.getOrDefault(code, code);
  }
}
