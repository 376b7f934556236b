package org.parley.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples the driver JVM's heap while a benchmark runs. In local mode the executors live in the
 * driver JVM, so this is the memory of the whole job. Two peaks: heap in use at any sample
 * (includes garbage not yet collected) and heap still live after a collection (what the job really
 * holds), plus the process's peak resident set from /proc where there is one.
 */
final class DriverMemory implements AutoCloseable {
  private static final long SAMPLE_MILLIS = 100;

  private final List<MemoryPoolMXBean> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .toList();
  private final Thread sampler;
  private final long gcMillisAtStart = gcMillis();
  private volatile boolean running = true;
  private volatile long peakUsed;
  private volatile long peakLiveAfterGc;

  DriverMemory() {
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    sampler = new Thread(this::sampleUntilClosed, "bench-driver-memory");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sampleUntilClosed() {
    while (running) {
      sample();
      try {
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample() {
    long used = 0;
    long afterGc = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      used += pool.getUsage().getUsed();
      MemoryUsage collected = pool.getCollectionUsage();
      afterGc += collected == null ? 0 : collected.getUsed();
    }
    peakUsed = Math.max(peakUsed, used);
    peakLiveAfterGc = Math.max(peakLiveAfterGc, afterGc);
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** Peak resident set of this process in bytes (Linux VmHWM), or -1 where /proc is absent. */
  private static long peakResidentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    sample();
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    m.put("peak_heap_used_bytes", peakUsed);
    m.put("peak_heap_live_after_gc_bytes", peakLiveAfterGc);
    m.put("peak_resident_bytes", peakResidentBytes());
    m.put("gc_seconds", (gcMillis() - gcMillisAtStart) / 1000.0);
    return m;
  }
}
