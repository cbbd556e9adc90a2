package org.leasehold.core.internal.engine;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.core.internal.alloc.AddressUsage;
import org.leasehold.core.internal.config.Permit;
import org.leasehold.core.internal.config.PoolDecl;
import org.leasehold.core.internal.config.RangeDecl;
import org.leasehold.core.internal.config.SubnetDecl;

/**
 * Checks whether a client may have a specific address on its link (REQUEST in INIT-REBOOT,
 * RENEWING, REBINDING and SELECTING): the address is in a pool the client is permitted (pool
 * permits, {@code dynamic-bootp} ranges) and nobody else holds it or a live offer of it. Choosing
 * an address for a DISCOVER is the allocator's job ({@link Allocation}). Reads the lease store and
 * the offer cache only; stores nothing. Thread-safe.
 */
final class AddressPicker {

    /** The chosen address with where it came from. */
    record Candidate(LeaseKey key, SubnetDecl subnet, PoolDecl pool) {
        long address() {
            return org.leasehold.core.internal.value.Ipv4.toLong(key.address());
        }
    }

    /** Who is asking: what pool permits look at. */
    record Client(ClientKey key, boolean bootp, boolean known, Set<String> classes, boolean authenticated, long now)
            implements Permit.Subject {
        @Override
        public boolean memberOf(String className) {
            return classes.contains(className);
        }
    }

    private final LeaseStore store;
    private final OfferCache offers;
    private final LeaseUsage usage;

    AddressPicker(LeaseStore store, OfferCache offers, LeaseUsage usage) {
        this.store = store;
        this.offers = offers;
        this.usage = usage;
    }

    /** The candidate for exactly this address, when the client may have it. */
    Optional<Candidate> candidateAt(List<SubnetDecl> link, long address, Client client, long now) {
        for (SubnetDecl s : link) {
            for (PoolDecl p : s.pools()) {
                LeaseKey key = new LeaseKey(p.space(), org.leasehold.core.internal.value.Ipv4.of(address));
                if (p.contains(address) && permitted(p, client) && usable(s, p, key, client)
                        && available(key, p.id(), client, now)) {
                    return Optional.of(new Candidate(key, s, p));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean usable(SubnetDecl s, PoolDecl p, LeaseKey key, Client client) {
        long a = org.leasehold.core.internal.value.Ipv4.toLong(key.address());
        if (!s.contains(a)) {
            return false;
        }
        for (RangeDecl r : p.ranges()) {
            if (r.contains(a) && (!client.bootp() || r.dynamicBootp())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the client may take the address now: its own, or one a new client may have. */
    private boolean available(LeaseKey key, String poolId, Client client, long now) {
        if (offers.heldByOther(key, client.key(), now)) {
            return false;
        }
        Optional<Lease> lease = store.get(key);
        if (lease.isPresent() && client.key().equals(lease.get().client())) {
            Lease l = lease.get();
            return l.state() != LeaseState.ABANDONED && l.state() != LeaseState.BACKUP;
        }
        if (lease.isPresent() && lease.get().state() == LeaseState.RESET) {
            return false;
        }
        // the allocation policy's view where it governs the pool, else free, expired, released or run out
        return usage.storedStatus(key, poolId, lease.orElse(null), now) == AddressUsage.Status.FREE;
    }

    /** ISC permit lists: any allow must match, no deny may match. */
    static boolean permitted(PoolDecl pool, Client client) {
        return Permit.admits(pool.permits(), client);
    }
}
