package dev.routeguide.grpc.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches the heap while a workload runs: the peak of the heap in use (sampled, garbage included)
 * and the peak of what every collection left behind (the live set, as the collector sees it).
 * The second is the figure to read: the first mostly measures how long the young generation
 * waits before collecting.
 */
final class HeapWatch implements AutoCloseable {

  private final Set<String> heapPools;
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onGc;
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong collections = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  private HeapWatch() {
    heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
    sampler = new Thread(this::sample, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Collects garbage, then starts watching. */
  static HeapWatch start() {
    settledHeap();
    return new HeapWatch();
  }

  /** The heap in use after full collections, in bytes: the baseline to compare peaks with. */
  static long settledHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  long peakAfterGc() {
    return peakAfterGc.get();
  }

  long peakUsed() {
    return peakUsed.get();
  }

  long collections() {
    return collections.get();
  }

  private void sample() {
    while (running) {
      peakUsed.accumulateAndGet(
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void onGc(Notification notification, Object handback) {
    if (!notification.getType().equals(
        GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long after = 0;
    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        after += pool.getValue().getUsed();
      }
    }
    collections.incrementAndGet();
    peakAfterGc.accumulateAndGet(after, Math::max);
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (javax.management.ListenerNotFoundException e) {
        // never registered on this one; nothing to undo
      }
    }
  }
}
