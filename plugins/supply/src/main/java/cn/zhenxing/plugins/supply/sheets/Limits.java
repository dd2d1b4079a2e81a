package cn.zhenxing.plugins.supply.sheets;

/** The API's upper bounds, which the sheets' checks repeat so that a sheet cannot store what a form refuses. */
final class Limits {

  /** The API's upper bound for tonnes. */
  static final String MAX_TONNES = "10000000";
  /** The API's upper bound for a report's prices and quantities. */
  static final String MAX_REPORTED = "100000000";

  private Limits() {
  }
}
