package cn.zhenxing.sdk.county;

import java.util.List;
import java.util.Optional;

/**
 * The counties of the city and which plugins each enables. Reads are served from memory and reflect a change of
 * enablement as soon as the API call that made it has answered.
 */
public interface CountyRegistry {

  /** The 11 counties, in code order (the city itself is not among them). */
  List<County> counties();

  /** The city (140700). */
  County city();

  /** A county or the city by its code. */
  Optional<County> byCode(String code);

  /** Whether the county with this code exists and enables the plugin. */
  boolean enables(String countyCode, String pluginId);

  /** The counties that enable the plugin, in code order. */
  List<County> enabling(String pluginId);
}
