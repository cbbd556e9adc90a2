package org.leasehold.core.internal.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * At most one WARN per key and interval, so a flood (an exhausted pool under load, a failing
 * journal) costs a line every ten seconds instead of one per packet; the lines left out are counted
 * into the next one. Others go to DEBUG. Thread-safe, lock-free.
 */
final class WarnLimiter {

    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private record Window(AtomicLong next, AtomicLong suppressed) {
    }

    private final Logger log;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    WarnLimiter(Logger log) {
        this.log = log;
    }

    void warn(String key, String format, Object... args) {
        Window w = windows.computeIfAbsent(key, k -> new Window(new AtomicLong(Long.MIN_VALUE), new AtomicLong()));
        long now = System.nanoTime();
        long next = w.next.get();
        if ((next == Long.MIN_VALUE || now - next >= 0) && w.next.compareAndSet(next, now + INTERVAL_NANOS)) {
            long skipped = w.suppressed.getAndSet(0);
            log.warn(skipped == 0 ? format : format + " (" + skipped + " more like it not logged)", args);
        } else {
            w.suppressed.incrementAndGet();
            log.debug(format, args);
        }
    }
}
