package org.leasehold.core.internal.engine;

import java.net.Inet4Address;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.core.internal.alloc.AddressUsage;
import org.leasehold.core.internal.expr.Bytes;

/**
 * The allocator's view of who holds an address: live offers first, then the lease table. Reads
 * memory only (never blocks). Thread-safe.
 */
final class LeaseUsage implements AddressUsage {

    private final LeaseStore store;
    private final OfferCache offers;
    private final LongSupplier clock;

    LeaseUsage(LeaseStore store, OfferCache offers, LongSupplier clock) {
        this.store = store;
        this.offers = offers;
        this.clock = clock;
    }

    @Override
    public Optional<Inet4Address> addressOf(String space, Bytes client) {
        ClientKey key = new ClientKey(client.toArray());
        Optional<Inet4Address> offered = offers.offeredTo(key, clock.getAsLong())
                .filter(k -> k.space().equals(space)).map(LeaseKey::address);
        return offered.or(() -> store.findByClient(space, key)
                .filter(l -> l.state() != LeaseState.ABANDONED).map(l -> l.key().address()));
    }

    @Override
    public Holder holder(String space, Inet4Address address) {
        LeaseKey key = new LeaseKey(space, address);
        long now = clock.getAsLong();
        Optional<ClientKey> offeredTo = offers.holder(key, now);
        if (offeredTo.isPresent()) {
            return new Holder(Status.BUSY, Bytes.of(offeredTo.get().bytes()));
        }
        Optional<Lease> lease = store.get(key);
        if (lease.isEmpty()) {
            return Holder.FREE;
        }
        Lease l = lease.get();
        return new Holder(statusOf(l, now), l.client() == null ? null : Bytes.of(l.client().bytes()));
    }

    @Override
    public long activeMembers(String className) {
        return store.all().stream().filter(l -> l.state() == LeaseState.ACTIVE && l.classes().contains(className)).count();
    }

    /** How allocation sees a lease: active and unexpired is busy, declined is abandoned, the rest free. */
    static Status statusOf(Lease l, long now) {
        return switch (l.state()) {
            case ACTIVE -> l.endedAt(now) ? Status.FREE : Status.BUSY;
            case BACKUP -> Status.BUSY;
            case ABANDONED -> Status.ABANDONED;
            default -> Status.FREE;
        };
    }
}
