package org.leasehold.core.internal.capability;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseChange;
import org.leasehold.api.lease.LeaseChange.Cause;
import org.leasehold.api.lease.LeaseListener;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.core.internal.lease.JournalLeaseStore;
import org.leasehold.api.logging.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every durable lease change to the allocator (changes the engine did not make itself) and to
 * the {@link LeaseListener}s, in journal order, on one thread of its own ({@code leasehold-lease-events}).
 * Called by the journal's writer thread, which it never holds up: with no listener bound a change costs
 * nothing more. Thread-safe.
 */
public final class LeaseChanges implements JournalLeaseStore.ChangeObserver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseChanges.class);

    private final Capabilities capabilities;
    private final Consumer<Lease> allocationChanged;
    private final Consumer<Lease> allocationGone;
    private final RateLimitedLog warnings = new RateLimitedLog(LOG);
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final ExecutorService thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, queue, r -> {
        Thread t = new Thread(r, "leasehold-lease-events");
        t.setDaemon(true);
        return t;
    });
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failures = new LongAdder();

    /**
     * @param allocationChanged told of a stored lease the engine did not commit itself
     * @param allocationGone    told of a deleted lease (its address may be free again)
     */
    public LeaseChanges(Capabilities capabilities, Consumer<Lease> allocationChanged, Consumer<Lease> allocationGone) {
        this.capabilities = capabilities;
        this.allocationChanged = allocationChanged;
        this.allocationGone = allocationGone;
    }

    @Override
    public void changed(Lease before, Lease after, String origin) {
        if (after == null) {
            allocationGone.accept(before);
        } else if (!LeaseChange.ENGINE.equals(origin)) {
            allocationChanged.accept(after);
        }
        if (capabilities.listeners().isEmpty()) {
            return;
        }
        LeaseChange change = new LeaseChange(before, after, cause(before, after, origin), origin);
        thread.execute(() -> deliver(change));
    }

    private void deliver(LeaseChange change) {
        List<LeaseListener> listeners = capabilities.listeners();
        for (LeaseListener l : listeners) {
            try {
                l.leaseChanged(change);
            } catch (RuntimeException e) {
                failures.increment();
                warnings.warn(l.getClass().getName(), "Lease listener {} failed on {}: {}", l.getClass().getName(),
                        change.key(), String.valueOf(e));
            }
        }
        delivered.increment();
    }

    /** Why a lease changed, from what it was and what it is: the same rule for every origin. */
    static Cause cause(Lease before, Lease after, String origin) {
        if (after == null) {
            return Cause.DELETED;
        }
        boolean wasActive = before != null && before.state() == LeaseState.ACTIVE;
        boolean sameClient = before != null && Objects.equals(before.client(), after.client());
        switch (after.state()) {
            case ACTIVE:
                return wasActive && sameClient ? Cause.RENEWED : Cause.GRANTED;
            case RELEASED:
                return wasActive ? Cause.RELEASED : Cause.UPDATED;
            case EXPIRED:
                return wasActive ? Cause.EXPIRED : Cause.UPDATED;
            case ABANDONED:
                return LeaseChange.ENGINE.equals(origin) ? Cause.DECLINED : Cause.UPDATED;
            default:
                return Cause.UPDATED;
        }
    }

    /** Changes waiting for the listeners. */
    public int queued() {
        return queue.size();
    }

    public long delivered() {
        return delivered.sum();
    }

    public long failures() {
        return failures.sum();
    }

    /** Delivers what is queued (bounded), then stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{} lease changes not delivered to listeners at stop", queue.size());
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
