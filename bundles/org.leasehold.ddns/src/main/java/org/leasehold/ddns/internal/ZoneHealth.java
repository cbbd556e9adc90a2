package org.leasehold.ddns.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * One zone's counters (updates sent and failed, the last error) and its back-off: after a server
 * failed to answer, updates for the zone wait, doubling from {@value #FIRST_MS} ms up to
 * {@value #MAX_MS} ms, so a DNS server that is down costs one probe per interval rather than a
 * timeout per lease. Thread-safe, lock-free.
 */
final class ZoneHealth {

    static final long FIRST_MS = 500;
    static final long MAX_MS = 30_000;

    private final LongSupplier nanoClock;
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong consecutive = new AtomicLong();
    private final AtomicLong retryAt = new AtomicLong(Long.MIN_VALUE);
    private volatile String lastError = "";

    ZoneHealth(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    void sent() {
        sent.increment();
        consecutive.set(0);
        retryAt.set(Long.MIN_VALUE);
    }

    void failed(DnsReplyException e) {
        failed.increment();
        lastError = e.getMessage();
        if (e.transientFailure()) {
            long n = consecutive.incrementAndGet();
            long ms = Math.min(MAX_MS, FIRST_MS << Math.min(n - 1, 16));
            retryAt.set(nanoClock.getAsLong() + ms * 1_000_000L);
        }
    }

    /** Nanoseconds until updates for this zone may be sent again; 0 when now. */
    long waitNanos() {
        long at = retryAt.get();
        if (at == Long.MIN_VALUE) {
            return 0;
        }
        return Math.max(0, at - nanoClock.getAsLong());
    }

    long sentCount() {
        return sent.sum();
    }

    long failedCount() {
        return failed.sum();
    }

    String lastError() {
        return lastError;
    }

    boolean backingOff() {
        return waitNanos() > 0;
    }
}
