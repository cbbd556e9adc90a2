package org.leasehold.api.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * WARN at most once per interval and key (a handler name, a kind of drop), so a flood (a handler
 * failing on every packet, an exhausted pool under load, a failing journal) costs a line per
 * interval instead of one per packet; the lines held back go to DEBUG and are counted into the next
 * WARN. Thread-safe, lock-free.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    /** Every ten seconds at most, on the system's clock. */
    public RateLimitedLog(Logger log) {
        this(log, TimeUnit.SECONDS.toNanos(10), System::nanoTime);
    }

    public RateLimitedLog(Logger log, long intervalNanos, LongSupplier nanoClock) {
        this.log = log;
        this.intervalNanos = intervalNanos;
        this.nanoClock = nanoClock;
    }

    /** Logs {@code message} (an SLF4J pattern) at WARN unless {@code key} logged within the interval. */
    public boolean warn(String key, String message, Object... args) {
        Window w = windows.computeIfAbsent(key, k -> new Window());
        long now = nanoClock.getAsLong();
        long last = w.lastNanos.get();
        if ((w.logged.get() && now - last < intervalNanos) || (!w.lastNanos.compareAndSet(last, now) && w.logged.get())) {
            w.suppressed.incrementAndGet();
            log.debug(message, args);
            return false;
        }
        w.logged.set(true);
        long held = w.suppressed.getAndSet(0);
        if (held > 0) {
            log.warn(message + " ({} similar messages suppressed)", append(args, held));
        } else {
            log.warn(message, args);
        }
        return true;
    }

    private static Object[] append(Object[] args, Object last) {
        Object[] all = new Object[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = last;
        return all;
    }

    private static final class Window {
        final AtomicLong lastNanos = new AtomicLong();
        final AtomicLong suppressed = new AtomicLong();
        final AtomicBoolean logged = new AtomicBoolean();
    }
}
