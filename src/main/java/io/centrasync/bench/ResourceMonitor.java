package io.centrasync.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak memory of this JVM while a phase runs: heap in use (sampled every 10 ms, garbage included),
 * heap left after garbage collections (from GC notifications, major ones preferred: what the phase
 * really keeps), and
 * the process's resident set ({@code VmHWM} of {@code /proc/self/status}, sampled {@code VmRSS} where
 * that is missing). Each phase runs in a fresh JVM, so VmHWM is that phase's peak.
 */
final class ResourceMonitor implements AutoCloseable {

    /** Peaks in MiB; -1 when not measurable on this platform. */
    record Peaks(long heapMb, long heapAfterGcMb, long rssMb) {
    }

    private static final Path STATUS = Path.of("/proc/self/status");

    private final AtomicLong heap = new AtomicLong();
    private final AtomicLong heapAfterGc = new AtomicLong();
    private final AtomicLong heapAfterMajorGc = new AtomicLong();
    private final AtomicLong rss = new AtomicLong(-1);
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener gcListener = this::onGc;
    private final Thread sampler;
    private volatile boolean running = true;

    ResourceMonitor() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(gcListener, null, null);
                emitters.add(emitter);
            }
        }
        sampler = new Thread(this::sample, "bench-memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        var memory = ManagementFactory.getMemoryMXBean();
        int tick = 0;
        while (running) {
            heap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            if (tick++ % 10 == 0) {
                rss.accumulateAndGet(statusKb("VmRSS"), Math::max);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void onGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long after = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                after += pool.getValue().getUsed();
            }
        }
        // after a minor collection the old generation still holds its garbage; a major one shows what is live
        boolean major = info.getGcAction().contains("major");
        (major ? heapAfterMajorGc : heapAfterGc).accumulateAndGet(after, Math::max);
    }

    /** Stops measuring and returns the peaks. */
    Peaks stop() {
        running = false;
        sampler.interrupt();
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(gcListener);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
        long hwm = statusKb("VmHWM");
        long rssKb = hwm > 0 ? hwm : rss.get();
        // the live set after major collections if there were any, else an upper bound from minor ones; a phase
        // too short for any collection: what is in use now
        long afterGc = heapAfterMajorGc.get() > 0 ? heapAfterMajorGc.get()
                : heapAfterGc.get() > 0 ? heapAfterGc.get() : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Peaks(mb(heap.get()), mb(afterGc), rssKb < 0 ? -1 : rssKb / 1024);
    }

    @Override
    public void close() {
        if (running) {
            stop();
        }
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    /** A {@code kB} value of {@code /proc/self/status}, or -1 (not Linux). */
    static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException | UnsupportedOperationException ignored) {
            // not available here
        }
        return -1;
    }
}
