package cn.zhenxing.plugins.ecommerce.support;

import cn.zhenxing.sdk.http.FieldError;
import cn.zhenxing.sdk.http.Problem;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.util.List;
import java.util.Map;

/**
 * Turns the violation of a named constraint into a 409 or 422 that names the request field in the user's words.
 * The core would answer 409/422 anyway, but with the constraint's name as the field.
 */
public final class Conflicts {

  /** What to answer for one constraint: the field and the reason, and whether it is a conflict (409) or not (422). */
  public record Rule(String field, String reason, boolean conflict) {
    public static Rule conflict(String field, String reason) {
      return new Rule(field, reason, true);
    }

    public static Rule invalid(String field, String reason) {
      return new Rule(field, reason, false);
    }
  }

  private Conflicts() {
  }

  /** A recover function for {@code Future.recover}: maps known constraints, passes everything else on. */
  public static <T> java.util.function.Function<Throwable, Future<T>> map(Map<String, Rule> rules) {
    return failure -> {
      if (failure instanceof PgException pg && pg.getConstraint() != null && rules.containsKey(pg.getConstraint())) {
        Rule rule = rules.get(pg.getConstraint());
        Problem problem = rule.conflict()
            ? new Problem(409, "/problems/conflict", "与现有数据冲突 / Conflict", rule.field() + ": " + rule.reason(),
                List.of(new FieldError(rule.field(), rule.reason())))
            : Problem.invalid(rule.field(), rule.reason());
        return Future.failedFuture(problem);
      }
      return Future.failedFuture(failure);
    };
  }
}
