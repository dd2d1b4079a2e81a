package cn.zhenxing.plugins.safety.hazard;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The dictionaries of the hazard register and the rectification workflow. */
public final class Hazards {

  /**
   * Who found a hazard: the enterprise itself (企业自查), a department's inspection (部门检查), the media (媒体曝光), a
   * report by the public (群众举报).
   */
  public static final List<String> FOUND_BY_ORDER = List.of("self_inspection", "department_inspection", "media",
      "report");

  /** 一般隐患: fixable at once; 重大隐患: needs a halt of work or outside help, tracked by the city. */
  public static final Map<String, String> LEVELS = Map.of("general", "一般隐患", "major", "重大隐患");
  public static final List<String> LEVEL_ORDER = List.of("general", "major");

  public static final Map<String, String> STATUSES = Map.of("open", "待整改", "rectifying", "整改中",
      "rectified", "已整改", "verified", "已验收销号");
  public static final List<String> STATUS_ORDER = List.of("open", "rectifying", "rectified", "verified");

  /**
   * The moves the workflow allows: open → rectifying → rectified → verified, and back from rectified to rectifying
   * when the verifier finds the rectification insufficient. A verified hazard is closed.
   */
  private static final Map<String, Set<String>> NEXT = Map.of(
      "open", Set.of("rectifying"),
      "rectifying", Set.of("rectified"),
      "rectified", Set.of("verified", "rectifying"),
      "verified", Set.of());

  private Hazards() {
  }

  public static boolean canMove(String from, String to) {
    return NEXT.getOrDefault(from, Set.of()).contains(to);
  }
}
