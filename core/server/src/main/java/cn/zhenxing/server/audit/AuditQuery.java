package cn.zhenxing.server.audit;

import cn.zhenxing.sdk.http.FieldError;
import cn.zhenxing.sdk.http.Page;
import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.MultiMap;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters of {@code GET /api/v1/audit}, checked: every bad or unknown parameter is a 400 problem naming it.
 *
 * @param from  rows at or after (ISO-8601 with offset or {@code Z}; a local date-time is read in the server's zone)
 * @param to    rows before
 * @param user  login name (case-insensitive)
 * @param limit  rows per page, 1 to {@link Page#MAX_LIMIT} (the paging every list route shares)
 * @param offset rows skipped
 */
public record AuditQuery(Instant from, Instant to, String user, String county, String plugin, String action,
    String result, int limit, int offset) {

  static final Set<String> PARAMETERS = Set.of("from", "to", "user", "county", "plugin", "action", "result", "limit",
      "offset");
  private static final Pattern COUNTY = Pattern.compile("[0-9]{6}");
  private static final Pattern PLUGIN = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  /** Reads and checks the query string. */
  public static AuditQuery parse(MultiMap params, ZoneId zone) {
    for (String name : params.names()) {
      if (!PARAMETERS.contains(name)) {
        throw bad(name, "未知参数 / unknown parameter; known: from, to, user, county, plugin, action, result, limit, "
            + "offset");
      }
      if (params.getAll(name).size() > 1) {
        throw bad(name, "参数只能出现一次 / may be given only once");
      }
    }
    Instant from = time(params, "from", zone);
    Instant to = time(params, "to", zone);
    if (from != null && to != null && !to.isAfter(from)) {
      throw bad("to", "必须晚于 from / must be later than from");
    }
    String user = text(params, "user");
    if (user != null && user.length() > 128) {
      throw bad("user", "过长 / too long");
    }
    String county = matching(params, "county", COUNTY, "应为六位县区代码 / must be a six-digit county code");
    String plugin = matching(params, "plugin", PLUGIN, "应为插件标识，如 core / must be a plugin id such as core");
    String action = matching(params, "action", ACTION, "应为小写操作名，如 enable / must be a lower-case action "
        + "such as enable");
    String result = text(params, "result");
    if (result != null && !Set.of(AuditRecord.SUCCESS, AuditRecord.DENIED, AuditRecord.FAILED).contains(result)) {
      throw bad("result", "应为 success、denied 或 failed / must be success, denied or failed");
    }
    int limit = integer(params, "limit", Page.DEFAULT_LIMIT, 1, Page.MAX_LIMIT);
    int offset = integer(params, "offset", 0, 0, Integer.MAX_VALUE);
    return new AuditQuery(from, to, user == null ? null : user.toLowerCase(Locale.ROOT), county, plugin, action,
        result, limit, offset);
  }

  /** The WHERE clause (possibly empty) and its parameters, numbered from $1. */
  public Where where() {
    List<String> conditions = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    if (from != null) {
      values.add(from.atOffset(ZoneOffset.UTC));
      conditions.add("at >= $" + values.size());
    }
    if (to != null) {
      values.add(to.atOffset(ZoneOffset.UTC));
      conditions.add("at < $" + values.size());
    }
    addEquals(conditions, values, "username", user);
    addEquals(conditions, values, "county", county);
    addEquals(conditions, values, "plugin", plugin);
    addEquals(conditions, values, "action", action);
    addEquals(conditions, values, "result", result);
    return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), values);
  }

  /** A WHERE clause and its parameter values. */
  public record Where(String sql, List<Object> values) {
  }

  private static void addEquals(List<String> conditions, List<Object> values, String column, String value) {
    if (value != null) {
      values.add(value);
      conditions.add(column + " = $" + values.size());
    }
  }

  private static String text(MultiMap params, String name) {
    String value = params.get(name);
    if (value == null) {
      return null;
    }
    value = value.trim();
    if (value.isEmpty()) {
      throw bad(name, "不能为空 / must not be empty");
    }
    return value;
  }

  private static String matching(MultiMap params, String name, Pattern pattern, String reason) {
    String value = text(params, name);
    if (value != null && !pattern.matcher(value).matches()) {
      throw bad(name, reason);
    }
    return value;
  }

  private static Instant time(MultiMap params, String name, ZoneId zone) {
    String value = text(params, name);
    if (value == null) {
      return null;
    }
    // An unencoded '+' of an offset arrives as a space.
    String iso = value.replace(' ', '+');
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeException e) {
      try {
        return LocalDateTime.parse(iso).atZone(zone).toInstant();
      } catch (DateTimeException again) {
        throw bad(name, "应为 ISO-8601 时间，如 2026-11-29T08:00:00+08:00 / must be an ISO-8601 time such as "
            + "2026-11-29T08:00:00+08:00");
      }
    }
  }

  private static int integer(MultiMap params, String name, int fallback, int min, int max) {
    String value = text(params, name);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw bad(name, "应为 " + min + " 到 " + max + " 的整数 / must be a whole number from " + min + " to " + max);
  }

  /** 400 naming the parameter, in the detail and in {@code errors}. */
  static Problem bad(String name, String reason) {
    return new Problem(400, "/problems/bad-request", "请求格式错误 / Bad request",
        "查询参数 " + name + " 无效 / Query parameter " + name + " is invalid: " + reason,
        List.of(new FieldError(name, reason)));
  }
}
