package org.leasehold.core.internal.pipeline;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one handler registration; updated from every I/O thread without locks. */
final class HandlerStats {

    private final LongAdder calls = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    void called(long elapsedNanos) {
        calls.increment();
        nanos.add(elapsedNanos);
    }

    void failed() {
        errors.increment();
    }

    long calls() {
        return calls.sum();
    }

    long errors() {
        return errors.sum();
    }

    long nanos() {
        return nanos.sum();
    }
}
