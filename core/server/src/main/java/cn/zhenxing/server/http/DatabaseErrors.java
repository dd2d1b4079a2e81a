package cn.zhenxing.server.http;

import cn.zhenxing.sdk.http.FieldError;
import cn.zhenxing.sdk.http.Problem;
import io.vertx.pgclient.PgException;
import java.util.List;
import java.util.Optional;

/**
 * Database errors a user can cause (a duplicate, a value out of range, a missing reference) as client errors, so a
 * plugin that forgot to validate something still never answers 500 for it. The constraint name becomes the field,
 * never the SQL; a plugin that declared the constraint ({@code ctx.http().constraint(...)}) gets its field and reason.
 */
final class DatabaseErrors {

  private DatabaseErrors() {
  }

  /** The problem for a user-caused database error, or null for a genuine server error. */
  static Problem toProblem(PgException e, ConstraintFields declared) {
    String code = e.getSqlState();
    if (code == null) {
      return null;
    }
    Optional<FieldError> named = declared.lookup(e.getSchema(), e.getConstraint());
    if (named.isPresent() && code.startsWith("23")) {
      FieldError error = named.get();
      return switch (code) {
        case "23505", "23P01" -> new Problem(409, "/problems/duplicate", "数据重复 / Duplicate",
            error.field() + ": " + error.reason(), List.of(error));
        case "23503" -> new Problem(409, "/problems/reference", "关联数据不一致 / Broken reference",
            error.field() + ": " + error.reason(), List.of(error));
        default -> Problem.invalid(List.of(error));
      };
    }
    String field = e.getConstraint() != null ? e.getConstraint() : e.getColumn() != null ? e.getColumn() : "request";
    return switch (code) {
      case "23505" -> new Problem(409, "/problems/duplicate", "数据重复 / Duplicate",
          "已存在相同的记录 (" + field + ") / A record with the same key already exists (" + field + ")",
          List.of(new FieldError(field, "重复 / duplicate")));
      case "23503" -> new Problem(409, "/problems/reference", "关联数据不一致 / Broken reference",
          "引用的记录不存在或仍被使用 (" + field + ") / A referenced record is missing or still in use (" + field + ")",
          List.of(new FieldError(field, "引用无效 / invalid reference")));
      case "23502", "23514", "22001", "22003", "22007", "22008", "22P02", "22023" ->
          Problem.invalid(field, "取值无效 / value not allowed (" + code + ")");
      case "40001", "40P01" -> new Problem(409, "/problems/concurrent-change", "并发修改 / Concurrent change",
          "数据正被其他请求修改，请重试 / Another request changed the data at the same time; try again");
      default -> null;
    };
  }
}
