package org.leasehold.ddns.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * WARN at most once per interval for each kind of event, with the count held back since, so a DNS
 * server that is down or refuses every update is reported without flooding the log. Thread-safe.
 */
final class WarnLimiter {

    private final Logger log;
    private final long intervalNanos;
    private final Map<String, AtomicLong> next = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> held = new ConcurrentHashMap<>();

    WarnLimiter(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    /** Logs unless a line of this kind went out within the interval; true when logged. */
    boolean warn(String kind, String format, Object... args) {
        long now = System.nanoTime();
        AtomicLong due = next.computeIfAbsent(kind, k -> new AtomicLong(now));
        long d = due.get();
        AtomicLong h = held.computeIfAbsent(kind, k -> new AtomicLong());
        if (now - d < 0 || !due.compareAndSet(d, now + intervalNanos)) {
            h.incrementAndGet();
            return false;
        }
        long suppressed = h.getAndSet(0);
        log.warn(format + (suppressed > 0 ? " (" + suppressed + " more since the last warning)" : ""), args);
        return true;
    }
}
