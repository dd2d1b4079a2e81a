package cn.zhenxing.plugins.labor.common;

import cn.zhenxing.sdk.http.Fields;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/** A body field holding a list of short texts (skills, provinces), each checked and named on its own. */
public final class TextLists {

  private TextLists() {
  }

  /**
   * The texts, stripped and without repeats; an error on {@code field[i]} for each blank or over-long item, and on
   * {@code field} for an empty list when {@code required}.
   */
  public static List<String> read(Fields f, String field, int maxItems, int maxLength, boolean required) {
    JsonArray array = f.array(field, maxItems, required);
    f.check(!required || !f.has(field) || !array.isEmpty(), field, "至少一项 / at least one item");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      boolean ok = item instanceof String s && !s.isBlank() && s.strip().length() <= maxLength;
      f.check(ok, field + "[" + i + "]", "应为 1 到 " + maxLength + " 个字符的文本 / must be text of 1 to " + maxLength
          + " characters");
      if (ok && !texts.contains(((String) item).strip())) {
        texts.add(((String) item).strip());
      }
    }
    return texts;
  }
}
