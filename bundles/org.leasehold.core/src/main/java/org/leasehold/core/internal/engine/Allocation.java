package org.leasehold.core.internal.engine;

import java.util.function.LongSupplier;
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

    private record Current(ConfigView view, Allocator allocator) {
    }

    private final LeaseStore store;
    private final OfferCache offers;
    private final LeaseUsage usage;
    private final LongSupplier clock;
    private volatile Current current;

    Allocation(LeaseStore store, OfferCache offers, LongSupplier clock) {
        this.store = store;
        this.offers = offers;
        this.clock = clock;
        this.usage = new LeaseUsage(store, offers, clock);
    }

    /** The allocator of {@code view}, built on first use. */
    Allocator allocator(ConfigView view) {
        Current c = current;
        if (c != null && c.view == view) {
            return c.allocator;
        }
        synchronized (this) {
            if (current != null && current.view == view) {
                return current.allocator;
            }
            Allocator a = new Allocator(view.config(), usage);
            long now = clock.getAsLong();
            for (Lease l : store.all()) {
                a.update(l.key().space(), l.key().address(), LeaseUsage.statusOf(l, now));
            }
            for (LeaseKey k : offers.offered()) {
                a.update(k.space(), k.address(), usage.holder(k.space(), k.address()).status());
            }
            current = new Current(view, a);
            return a;
        }
    }

    /** A lease was stored: its address is busy, abandoned or free again. */
    void changed(Lease lease) {
        Current c = current;
        if (c != null) {
            c.allocator.update(lease.key().space(), lease.key().address(), LeaseUsage.statusOf(lease, clock.getAsLong()));
        }
    }

    /** An address was taken but not handed out (offer dropped or expired): recheck who holds it. */
    void recheck(LeaseKey key) {
        Current c = current;
        if (c != null) {
            c.allocator.update(key.space(), key.address(), usage.holder(key.space(), key.address()).status());
        }
    }

    /** Whether the allocator of {@code view} has been built. */
    boolean builtFor(ConfigView view) {
        Current c = current;
        return c != null && c.view == view;
    }
}
