package cn.zhenxing.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For benchmarks: the peak of used heap (every heap pool), sampled every 20 ms by a daemon thread between
 * {@link #start()} and {@link #stop()}. Sampling misses short spikes between samples; with the collector running
 * often under a large import it reads the working set, which is what a {@code -Xmx} must allow.
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
