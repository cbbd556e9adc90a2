package org.leasehold.core.internal.lease;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Group fsync durations in fixed buckets, for the metrics endpoint's histogram. Recorded by the journal
 * writer thread, read by any thread without locks (a read may see one observation in the count and not
 * yet in its bucket; the next read agrees).
 */
public final class LatencyHistogram {

    /** Upper bounds in seconds: from a fast SSD (0.1 ms) to a stalled disk (over the slow-sync line). */
    static final double[] BOUNDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
        0.5, 1, 2.5, 5};

    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS.length);
    private final LongAdder count = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    void record(long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                buckets.incrementAndGet(i);
                break;
            }
        }
        count.increment();
        nanos.add(elapsedNanos);
    }

    /** The bounds and cumulative counts as of now. */
    public Snapshot snapshot() {
        long[] cumulative = new long[BOUNDS.length];
        long running = 0;
        for (int i = 0; i < BOUNDS.length; i++) {
            running += buckets.get(i);
            cumulative[i] = running;
        }
        long n = Math.max(count.sum(), running);
        return new Snapshot(BOUNDS.clone(), cumulative, n, nanos.sum() / 1e9);
    }

    /** Cumulative counts per upper bound (seconds), all observations and their sum in seconds. Immutable by use. */
    public record Snapshot(double[] upperBounds, long[] counts, long count, double sumSeconds) {
    }
}
