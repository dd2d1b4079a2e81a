package cn.zhenxing.server.sheet;

import io.vertx.core.json.JsonObject;

/**
 * One reason a row was rejected.
 *
 * @param row    the row as the user sees it in Excel (header = 1); 1 for problems with the header itself
 * @param column the column's Chinese header, or null when the whole row is meant
 * @param key    the column's English key, or null
 * @param reason zh-CN / English
 */
record RowError(int row, String column, String key, String reason) {

  JsonObject toJson() {
    return new JsonObject().put("row", row).put("column", column).put("key", key).put("reason", reason);
  }
}
