package org.leasehold.core.internal.engine;

import java.net.Inet4Address;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.leasehold.api.lease.AllocationPolicy;
import org.leasehold.api.lease.AllocationPolicy.Availability;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.core.internal.alloc.AddressUsage;
import org.leasehold.core.internal.value.Bytes;

/**
 * The allocator's view of who holds an address: live offers first, then the lease table. Reads
 * memory only (never blocks). Thread-safe.
 */
final class LeaseUsage implements AddressUsage {

    /**
     * The lease variable marking an address reserved to its client (ISC's RESERVED_LEASE flag, set by
     * {@code infinite-is-reserved}): no other client is given it, in any state. Not an ISC identifier,
     * so no {@code set} statement can clash with it.
     */
    static final String RESERVED = "leasehold:reserved";

    static boolean reserved(Optional<Lease> l) {
        return l.isPresent() && l.get().variables().containsKey(RESERVED);
    }

    private final LeaseStore store;
    private final OfferCache offers;
    private final LongSupplier clock;
    private final Supplier<AllocationPolicy> policy;

    LeaseUsage(LeaseStore store, OfferCache offers, LongSupplier clock, Supplier<AllocationPolicy> policy) {
        this.store = store;
        this.offers = offers;
        this.clock = clock;
        this.policy = policy;
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
        return holder(space, address, null);
    }

    @Override
    public Holder holder(String space, Inet4Address address, String poolId) {
        LeaseKey key = new LeaseKey(space, address);
        long now = clock.getAsLong();
        Optional<ClientKey> offeredTo = offers.holder(key, now);
        if (offeredTo.isPresent()) {
            return new Holder(Status.BUSY, Bytes.of(offeredTo.get().bytes()));
        }
        Optional<Lease> lease = store.get(key);
        if (lease.isEmpty()) {
            return storedStatus(key, poolId, null, now) == Status.FREE ? Holder.FREE : Holder.BUSY_UNOWNED;
        }
        Lease l = lease.get();
        return new Holder(statusOf(l, now), l.client() == null ? null : Bytes.of(l.client().bytes()));
    }

    /**
     * How allocation sees an address for a new client by its stored lease alone (offers aside):
     * {@code lease} is the store's lease of {@code key}, null when it has none; {@code poolId} the pool
     * the address lies in (null when unknown: no policy applies then).
     */
    Status storedStatus(LeaseKey key, String poolId, Lease lease, long now) {
        if (lease != null) {
            return statusOf(lease, now);
        }
        AllocationPolicy p = policy.get();
        return p == null || poolId == null || decide(p, key, poolId, null, now) != Availability.UNAVAILABLE
                ? Status.FREE : Status.BUSY;
    }

    @Override
    public long activeMembers(String className) {
        return store.all().stream().filter(l -> l.state() == LeaseState.ACTIVE && l.classes().contains(className)).count();
    }

    /**
     * How allocation sees a lease for a new client: the allocation policy's answer where it governs the
     * lease's pool; otherwise active and unexpired is busy, declined is abandoned, backup is the failover
     * partner's, the rest free.
     */
    Status statusOf(Lease l, long now) {
        if (l.variables().containsKey(RESERVED)) {
            return Status.BUSY;
        }
        AllocationPolicy p = policy.get();
        if (p != null && !l.pool().isEmpty()) {
            Availability a = decide(p, l.key(), l.pool(), l, now);
            if (a == Availability.AVAILABLE) {
                return l.state() == LeaseState.ABANDONED ? Status.ABANDONED : Status.FREE;
            }
            if (a == Availability.UNAVAILABLE) {
                return Status.BUSY;
            }
        }
        return defaultStatus(l, now);
    }

    /** A policy that throws governs nothing: allocation goes on as without it. */
    private static Availability decide(AllocationPolicy p, LeaseKey key, String poolId, Lease l, long now) {
        try {
            Availability a = p.availability(key, poolId, l, now);
            return a == null ? Availability.DEFAULT : a;
        } catch (RuntimeException e) {
            return Availability.DEFAULT;
        }
    }

    static Status defaultStatus(Lease l, long now) {
        if (l.variables().containsKey(RESERVED)) {
            return Status.BUSY;
        }
        return switch (l.state()) {
            case ACTIVE -> l.endedAt(now) ? Status.FREE : Status.BUSY;
            case BACKUP -> Status.BUSY;
            case ABANDONED -> Status.ABANDONED;
            default -> Status.FREE;
        };
    }
}
