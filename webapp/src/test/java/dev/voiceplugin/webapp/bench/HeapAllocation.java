package dev.voiceplugin.webapp.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Bytes allocated by the whole JVM since {@link #install}, counted from the young generation:
 * what each GC found in eden (and emptied) plus what eden holds now. Unlike summing
 * {@code ThreadMXBean.getThreadAllocatedBytes} over live threads, this keeps the allocations of
 * threads that have died in between (a JDK HttpClient completion on a thread-per-task executor, a
 * cached pool worker that timed out). Region-granular (1 MiB with G1 at this heap), so only good over
 * many requests; objects too big for eden (G1 humongous, over half a region) are not counted.
 */
final class HeapAllocation {
  private static final AtomicLong COLLECTED = new AtomicLong();
  private static final AtomicLong NOTIFIED = new AtomicLong();
  private static List<MemoryPoolMXBean> eden = List.of();
  private static long baseline;

  private HeapAllocation() {}

  static synchronized void install() {
    eden = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getName().contains("Eden")).toList();
    if (eden.isEmpty()) {
      throw new IllegalStateException("no eden pool: run the bench server with a generational collector (G1 is the default)");
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
          return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
        long freed = 0;
        for (MemoryPoolMXBean pool : eden) {
          MemoryUsage before = info.getMemoryUsageBeforeGc().get(pool.getName());
          MemoryUsage after = info.getMemoryUsageAfterGc().get(pool.getName());
          if (before != null && after != null) {
            freed += before.getUsed() - after.getUsed();
          }
        }
        COLLECTED.addAndGet(freed);
        NOTIFIED.incrementAndGet();
      }, null, null);
    }
    baseline = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
  }

  /** Allocated bytes so far; waits briefly for notifications of GCs that already happened. */
  static long allocatedBytes() throws InterruptedException {
    long deadline = System.nanoTime() + 500_000_000L;
    while (NOTIFIED.get() < collections() - baseline && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    return COLLECTED.get() + eden.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
  }

  private static long collections() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
  }
}
