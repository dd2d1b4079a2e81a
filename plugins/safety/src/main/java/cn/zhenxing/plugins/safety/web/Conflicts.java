package cn.zhenxing.plugins.safety.web;

import cn.zhenxing.sdk.http.FieldError;
import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.util.List;

/** Turning a unique-key violation into a 409 that names the field the user typed, not the constraint. */
public final class Conflicts {

  private Conflicts() {
  }

  public static Problem duplicate(String field, String reason) {
    return new Problem(409, "/problems/duplicate", "数据重复 / Duplicate", field + ": " + reason,
        List.of(new FieldError(field, reason)));
  }

  /** The violated constraint's name of a database error, or "" (to tell which unique key a duplicate hit). */
  public static String constraint(Throwable e) {
    return e instanceof PgException pg && pg.getConstraint() != null ? pg.getConstraint() : "";
  }

  /** A recover step: a unique violation becomes {@link #duplicate}, anything else stays as it was. */
  public static <T> Future<T> onDuplicate(Throwable e, String field, String reason) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(duplicate(field, reason));
    }
    return Future.failedFuture(e);
  }
}
