package org.leasehold.core.internal.alloc;

import java.net.Inet4Address;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.core.internal.value.Bytes;

/**
 * {@link AddressUsage} over the api {@link LeaseStore}. Per-class ACTIVE counts are kept here, fed by
 * {@link #leaseChanged}, because the store has no class index and a count must not scan every lease.
 * Thread-safe; never blocks (store reads are in-memory).
 */
public final class LeaseStoreAddressUsage implements AddressUsage {

    private final LeaseStore store;
    private final ConcurrentHashMap<String, LongAdder> activeByClass = new ConcurrentHashMap<>();

    /** Loads the class counts from the store's current leases. */
    public LeaseStoreAddressUsage(LeaseStore store) {
        this.store = store;
        for (Lease l : store.all()) {
            leaseChanged(null, l);
        }
    }

    /** Feeds the allocator's bitmaps with every lease in the store (call once after building both). */
    public void loadInto(Allocator allocator) {
        for (Lease l : store.all()) {
            allocator.update(l.key().space(), l.key().address(), statusOf(l.state()));
        }
    }

    /** Call after each committed lease change; {@code before} is null for a new lease. */
    public void leaseChanged(Lease before, Lease after) {
        if (before != null && before.state() == LeaseState.ACTIVE) {
            before.classes().forEach(c -> counter(c).decrement());
        }
        if (after != null && after.state() == LeaseState.ACTIVE) {
            after.classes().forEach(c -> counter(c).increment());
        }
    }

    private LongAdder counter(String className) {
        return activeByClass.computeIfAbsent(className, k -> new LongAdder());
    }

    public static Status statusOf(LeaseState state) {
        return switch (state) {
            case ACTIVE, BACKUP -> Status.BUSY;
            case ABANDONED -> Status.ABANDONED;
            case FREE, EXPIRED, RELEASED, RESET -> Status.FREE;
        };
    }

    @Override
    public Optional<Inet4Address> addressOf(String space, Bytes client) {
        return store.findByClient(space, new ClientKey(client.toArray())).map(l -> l.key().address());
    }

    @Override
    public Holder holder(String space, Inet4Address address) {
        return store.get(new LeaseKey(space, address))
                .map(l -> new Holder(statusOf(l.state()), l.client() == null ? null : Bytes.of(l.client().bytes())))
                .orElse(Holder.FREE);
    }

    @Override
    public long activeMembers(String className) {
        LongAdder n = activeByClass.get(className);
        return n == null ? 0 : n.sum();
    }
}
