package cn.zhenxing.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls for something that becomes true in the background (a job, a gauge refresh), with a hard deadline. */
public final class Eventually {

  private Eventually() {
  }

  /** Reads {@code probe} every 100 ms until {@code done} accepts it; fails with the last value after {@code limit}. */
  public static <T> T poll(Duration limit, String what, Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + limit.toNanos();
    T last;
    while (true) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      if (System.nanoTime() > deadline) {
        return fail("Waited " + limit.toSeconds() + " s for " + what + "; last saw: " + last);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail("interrupted while waiting for " + what);
      }
    }
  }
}
