package cn.zhenxing.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For benchmarks: the peak of used heap (every heap pool), sampled every 20 ms by a daemon thread between
 * {@link #start()} and {@link #stop()}. It reads used heap, garbage not yet collected included: an upper bound of what
 * the measured work keeps alive, under the {@code -Xmx} it ran with (a spike between two samples can be missed).
 */
public final class HeapPeak {
  private final AtomicLong peak = new AtomicLong();
  private Thread sampler;

  public void start() {
    peak.set(0);
    sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          if (pool.getType() == MemoryType.HEAP) {
            used += pool.getUsage().getUsed();
          }
        }
        peak.accumulateAndGet(used, Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  public void stop() throws InterruptedException {
    sampler.interrupt();
    sampler.join();
  }

  public long peak() {
    return peak.get();
  }
}
