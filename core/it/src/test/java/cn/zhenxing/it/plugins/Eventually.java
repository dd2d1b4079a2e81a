package cn.zhenxing.it.plugins;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/** Polls until a condition holds or a deadline passes: for what happens on the server's own schedule. */
final class Eventually {

  private static final long POLL_MS = 100;

  private Eventually() {
  }

  /** Answers the first value of {@code probe} that satisfies {@code done}; fails with the last one at the deadline. */
  static <T> T await(String what, Duration deadline, Supplier<T> probe, Predicate<? super T> done) {
    long end = System.nanoTime() + deadline.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > end) {
        throw new AssertionFailedError(what + " did not happen within " + deadline.toSeconds() + " s; last seen: "
            + last);
      }
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      last = probe.get();
    }
    return last;
  }
}
