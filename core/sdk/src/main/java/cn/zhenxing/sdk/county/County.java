package cn.zhenxing.sdk.county;

/**
 * A county-level unit of the city (or the city itself), identified by its GB/T 2260 administrative division code.
 *
 * @param code    six-digit GB/T 2260 code, e.g. {@code 140702}
 * @param nameZh  the Chinese name, e.g. {@code 榆次区}
 * @param pinyin  the romanised name, e.g. {@code Yuci}
 * @param city    true only for the city itself ({@value #CITY_CODE})
 */
public record County(String code, String nameZh, String pinyin, boolean city) {

  /** The code of Jinzhong city (晋中市). Data never belongs to the city; users may. */
  public static final String CITY_CODE = "140700";
}
