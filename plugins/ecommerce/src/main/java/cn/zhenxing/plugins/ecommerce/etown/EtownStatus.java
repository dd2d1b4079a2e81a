package cn.zhenxing.plugins.ecommerce.etown;

import cn.zhenxing.sdk.http.FieldError;
import cn.zhenxing.sdk.http.Problem;
import java.util.Arrays;
import java.util.List;

/** The life of an e-town: a candidate is cultivated, then accepted. Only these two moves exist. */
public enum EtownStatus {
  CANDIDATE("candidate", "候选"),
  CULTIVATING("cultivating", "培育中"),
  ACCEPTED("accepted", "已验收");

  private final String code;
  private final String nameZh;

  EtownStatus(String code, String nameZh) {
    this.code = code;
    this.nameZh = nameZh;
  }

  public String code() {
    return code;
  }

  public static List<String> codes() {
    return Arrays.stream(values()).map(EtownStatus::code).toList();
  }

  public static EtownStatus of(String code) {
    return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown e-town status " + code));
  }

  /** @throws Problem 409 unless {@code to} is the next status after this one */
  void requireMoveTo(EtownStatus to) {
    if (to.ordinal() != ordinal() + 1) {
      String reason = "状态不能从“" + nameZh + "”变为“" + to.nameZh + "” / cannot move from " + code + " to " + to.code;
      throw new Problem(409, "/problems/ecommerce/status-transition", "状态变更无效 / Invalid status change",
          reason, List.of(new FieldError("status", reason)));
    }
  }
}
