package cn.zhenxing.plugins.monitoring.procedure;

import cn.zhenxing.sdk.http.Fields;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The village public notice (村公示). Posted on a notice board, so it names the household but carries no ID-card,
 * phone or bank number and no health details: the text is generated from the register, and a note the village adds is
 * refused when it contains any of those.
 */
final class Notice {

  /** 15–19 digits in a row: ID-card (with X), bank-card and account numbers. */
  private static final Pattern LONG_NUMBER = Pattern.compile("(?<![0-9])[0-9]{14,18}[0-9Xx](?![0-9])");
  private static final Pattern PHONE = Pattern.compile("(?<![0-9])(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})(?![0-9])");
  private static final List<String> HEALTH_WORDS = List.of("病", "癌", "残疾", "残障", "诊断", "住院", "手术", "精神",
      "肿瘤", "透析", "艾滋", "HIV", "瘫痪");
  private static final List<String> BANK_WORDS = List.of("银行卡", "账号", "帐号", "卡号", "开户行");

  private Notice() {
  }

  /** Records an error on {@code field} if the text holds personal numbers, bank or health details. */
  static void refuseSensitive(Fields f, String field, String text) {
    if (text == null) {
      return;
    }
    f.check(!LONG_NUMBER.matcher(text).find(), field,
        "公示内容不得包含身份证号或银行卡号 / a notice must not contain ID-card or bank numbers");
    f.check(!PHONE.matcher(text).find(), field, "公示内容不得包含电话号码 / a notice must not contain phone numbers");
    f.check(BANK_WORDS.stream().noneMatch(text::contains), field,
        "公示内容不得包含银行账户信息 / a notice must not contain bank details");
    f.check(HEALTH_WORDS.stream().noneMatch(text::contains), field,
        "公示内容不得包含健康状况 / a notice must not contain health details");
  }

  static String text(String kind, String township, String village, String headName, int size, LocalDate from,
      LocalDate to, String note) {
    String what = Steps.IDENTIFICATION.equals(kind)
        ? "经农户申请、入户核实和村民代表评议，拟纳入防止返贫监测对象"
        : "经入户核实和村民代表评议，帮扶后收入稳定、风险已消除，拟标注为风险消除";
    return "【公示】" + township + village + " " + headName + " 户（家庭人口 " + size + " 人），" + what + "。公示期："
        + from + " 至 " + to + "。如有异议，请于公示期内向村民委员会或乡镇人民政府反映。"
        + (note == null ? "" : "说明：" + note);
  }
}
