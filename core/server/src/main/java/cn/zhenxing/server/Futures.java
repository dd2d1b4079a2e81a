package cn.zhenxing.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/** Small helpers for futures that Vert.x 5.0 does not have. */
public final class Futures {

  private Futures() {
  }

  /** {@code future}, or a failure with a {@link TimeoutException} naming {@code what} after {@code limit}. */
  public static <T> Future<T> within(Vertx vertx, Duration limit, String what, Future<T> future) {
    Promise<T> promise = Promise.promise();
    long timer = vertx.setTimer(Math.max(1, limit.toMillis()), id -> promise.tryFail(
        new TimeoutException(what + " did not finish within " + limit.toSeconds() + " s")));
    future.onComplete(result -> {
      vertx.cancelTimer(timer);
      if (result.succeeded()) {
        promise.tryComplete(result.result());
      } else {
        promise.tryFail(result.cause());
      }
    });
    return promise.future();
  }

  /** Calls {@code action}, turning a thrown exception into a failed future. */
  public static <T> Future<T> attempt(Callable<Future<T>> action) {
    try {
      Future<T> result = action.call();
      return result == null ? Future.succeededFuture() : result;
    } catch (Exception | LinkageError e) {
      return Future.failedFuture(e);
    }
  }
}
