package org.leasehold.core.internal.engine;

import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.leasehold.api.lease.AllocationPolicy;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.core.internal.alloc.Allocator;

/**
 * Keeps one {@link Allocator} per loaded configuration and its occupancy bitmaps in step with the
 * lease table and the offer cache: built (and loaded from every lease and live offer) the first
 * time a configuration serves a packet, told of every lease change and dropped offer after that.
 * Thread-safe.
 */
final class Allocation {

    private record Current(ConfigView view, AllocationPolicy policy, long policyVersion, Allocator allocator) {
    }

    private final LeaseStore store;
    private final OfferCache offers;
    private final LeaseUsage usage;
    private final LongSupplier clock;
    private final Supplier<AllocationPolicy> policy;
    private volatile Current current;

    Allocation(LeaseStore store, OfferCache offers, LongSupplier clock, Supplier<AllocationPolicy> policy) {
        this.store = store;
        this.offers = offers;
        this.clock = clock;
        this.policy = policy;
        this.usage = new LeaseUsage(store, offers, clock, policy);
    }

    /**
     * The allocator of {@code view}, built on first use, and again when the allocation policy changes
     * (another policy, or a new version of its answers).
     */
    Allocator allocator(ConfigView view) {
        AllocationPolicy p = policy.get();
        long version = p == null ? 0 : version(p);
        Current c = current;
        if (c != null && c.view == view && c.policy == p && c.policyVersion == version) {
            return c.allocator;
        }
        synchronized (this) {
            c = current;
            if (c != null && c.view == view && c.policy == p && c.policyVersion == version) {
                return c.allocator;
            }
            Allocator a = new Allocator(view.config(), usage);
            long now = clock.getAsLong();
            for (Lease l : store.all()) {
                a.update(l.key().space(), l.key().address(), usage.statusOf(l, now));
            }
            for (LeaseKey k : offers.offered()) {
                a.recheck(k.space(), k.address());
            }
            current = new Current(view, p, version, a);
            return a;
        }
    }

    private static long version(AllocationPolicy p) {
        try {
            return p.version();
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    /** A lease was stored: its address is busy, abandoned or free again. */
    void changed(Lease lease) {
        Current c = current;
        if (c != null) {
            c.allocator.update(lease.key().space(), lease.key().address(), usage.statusOf(lease, clock.getAsLong()));
        }
    }

    /** An address was taken but not handed out (offer dropped or expired): recheck who holds it. */
    void recheck(LeaseKey key) {
        Current c = current;
        if (c != null) {
            c.allocator.recheck(key.space(), key.address());
        }
    }

    /** The allocator's view of who holds what (shared with the REQUEST path's address checks). */
    LeaseUsage usage() {
        return usage;
    }

    /** Whether the allocator of {@code view} has been built. */
    boolean builtFor(ConfigView view) {
        Current c = current;
        return c != null && c.view == view;
    }
}
