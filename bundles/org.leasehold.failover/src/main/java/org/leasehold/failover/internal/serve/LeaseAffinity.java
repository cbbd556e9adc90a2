package org.leasehold.failover.internal.serve;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.leasehold.api.config.PoolInfo;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.failover.internal.binding.BindingSync;
import org.leasehold.failover.internal.binding.PoolBalance;
import org.leasehold.failover.internal.config.Role;
import org.leasehold.failover.internal.wire.ServerState;

/**
 * ISC dhcpd's lease affinity, the spec's "BACKUP rather than FREE" enhancement: on the primary, in
 * NORMAL, an address whose expiry or release the partner has just acknowledged goes straight to the
 * secondary's pool when the load balancing gives the lease's last client to the secondary, and the
 * secondary does not already hold more than {@code max-lease-ownership} percent over its half (ISC's
 * {@code secondary_not_hoarding}). The returning client then finds its old address at the server that
 * answers it, and a secondary that runs short gets addresses back without waiting for a rebalance.
 * BOOTP leases stay FREE, as in ISC. Only the primary decides, so the pair never disagrees about
 * who owns the address; the secondary (ISC's or ours) stores the primary's BACKUP update.
 * Thread-safe: the pool counts are cached for a second and adjusted for each address given.
 */
public final class LeaseAffinity implements BindingSync.Affinity {

    private static final long COUNT_MILLIS = 1000;

    private final Supplier<ServiceView> view;
    private final LeaseStore store;
    private final BindingSync bindings;
    private final int ownershipPercent;
    private final LongSupplier millis;
    private final Map<String, Counted> counts = new ConcurrentHashMap<>();

    private record Counted(PoolBalance.Count count, long at) {
    }

    public LeaseAffinity(Supplier<ServiceView> view, LeaseStore store, BindingSync bindings, int ownershipPercent,
            LongSupplier millis) {
        this.view = view;
        this.store = store;
        this.bindings = bindings;
        this.ownershipPercent = ownershipPercent;
        this.millis = millis;
    }

    @Override
    public boolean toBackup(Lease expired) {
        ServiceView v = view.get();
        if (v == null || v.role() != Role.PRIMARY || !v.state().equals(ServerState.NORMAL) || v.hba() == null
                || expired.bootp() || !peerWants(v, expired)) {
            return false;
        }
        Optional<PoolInfo> pool = bindings.poolOf(expired.key().space(), expired.key().address());
        if (pool.isEmpty()) {
            return false;
        }
        long now = millis.getAsLong();
        boolean[] give = new boolean[1];
        counts.compute(pool.get().id(), (id, old) -> {
            Counted fresh = old != null && now - old.at() < COUNT_MILLIS ? old
                    : new Counted(PoolBalance.count(store, pool.get()), now);
            PoolBalance.Count c = fresh.count();
            give[0] = c.free() > 0 && c.secondaryNotHoarding(ownershipPercent);
            return give[0] ? new Counted(new PoolBalance.Count(c.pool(), c.total(), c.free() - 1, c.backup() + 1),
                    fresh.at()) : fresh;
        });
        return give[0];
    }

    /** ISC's {@code peer_wants_lease}: the HBA gives the lease's client to the secondary. */
    private static boolean peerWants(ServiceView v, Lease l) {
        byte[] chaddr = l.hardware() == null ? null : l.hardware().bytes();
        byte[] clientId = null;
        if (l.client() != null) {
            byte[] key = l.client().bytes();
            boolean isHardwareKey = l.hardware() != null && key.length == chaddr.length + 1
                    && (key[0] & 0xFF) == l.hardware().htype() && Arrays.equals(key, 1, key.length, chaddr, 0,
                            chaddr.length);
            clientId = isHardwareKey ? null : key;
        }
        if (clientId == null && chaddr == null) {
            return false;
        }
        return !LoadBalance.primaryServes(v.hba(), clientId, chaddr == null ? new byte[0] : chaddr,
                chaddr == null ? 0 : chaddr.length);
    }

}
