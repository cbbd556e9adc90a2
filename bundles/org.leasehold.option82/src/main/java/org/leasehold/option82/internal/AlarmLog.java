package org.leasehold.option82.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * WARN at most once per interval with how many events were held back in between, so a relay that
 * sends garbage raises an alarm without flooding the log. Thread-safe, lock-free.
 */
final class AlarmLog {

    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong next;
    private final AtomicLong held = new AtomicLong();

    AlarmLog(Logger log, long intervalNanos, LongSupplier nanoClock) {
        this.log = log;
        this.intervalNanos = intervalNanos;
        this.nanoClock = nanoClock;
        this.next = new AtomicLong(nanoClock.getAsLong());
    }

    /** Logs unless another line went out within the interval; true when logged. */
    boolean warn(String format, Object... args) {
        long now = nanoClock.getAsLong();
        long due = next.get();
        if (now - due < 0 || !next.compareAndSet(due, now + intervalNanos)) {
            held.incrementAndGet();
            return false;
        }
        long suppressed = held.getAndSet(0);
        if (log.isWarnEnabled()) {
            log.warn(format + (suppressed > 0 ? " (" + suppressed + " more since the last warning)" : ""), args);
        }
        return true;
    }
}
