package cn.zhenxing.plugins.ecommerce.support;

import cn.zhenxing.sdk.http.Fields;
import cn.zhenxing.sdk.http.Problem;
import cn.zhenxing.sdk.personal.PersonalData;
import cn.zhenxing.sdk.personal.Sealed;

/**
 * Seals ID-card and phone numbers while reading a body with {@link Fields}, so a bad number is reported together
 * with every other bad field instead of alone.
 */
public final class Sealing {

  private Sealing() {
  }

  public static Sealed idCard(PersonalData personal, Fields f, String field, boolean required) {
    Object value = f.json().getValue(field);
    if (value == null || value instanceof String s && s.isBlank()) {
      f.check(!required, field, "必填 / required");
      return null;
    }
    if (!(value instanceof String text)) {
      f.check(false, field, "应为文本 / must be a string");
      return null;
    }
    try {
      return personal.sealIdCard(field, text);
    } catch (Problem p) {
      p.errors().forEach(e -> f.check(false, field, e.reason()));
      f.check(!p.errors().isEmpty(), field, "身份证号无效 / invalid ID-card number");
      return null;
    }
  }

  public static Sealed phone(PersonalData personal, Fields f, String field) {
    Object value = f.json().getValue(field);
    if (value == null || value instanceof String s && s.isBlank()) {
      return null;
    }
    if (!(value instanceof String text)) {
      f.check(false, field, "应为文本 / must be a string");
      return null;
    }
    try {
      return personal.sealPhone(field, text);
    } catch (Problem p) {
      p.errors().forEach(e -> f.check(false, field, e.reason()));
      f.check(!p.errors().isEmpty(), field, "电话号码无效 / invalid phone number");
      return null;
    }
  }
}
