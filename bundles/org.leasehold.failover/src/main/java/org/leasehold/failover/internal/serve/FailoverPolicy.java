package org.leasehold.failover.internal.serve;

import org.leasehold.api.lease.AllocationPolicy;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;

/**
 * The lease-owner view of failover pools (draft-12 §5.4): in NORMAL and COMMUNICATIONS-INTERRUPTED
 * the primary gives new clients only FREE addresses (and those never leased, which ISC holds as
 * FREE), the secondary only BACKUP ones; EXPIRED, RELEASED and RESET addresses wait until the
 * partner acknowledged them (then they are FREE); in PARTNER-DOWN, once the MCLT has passed, every
 * address no client holds is this server's; in the other states no address is. Addresses of pools
 * without failover are not governed. Thread-safe, lock-free: it reads the snapshots relationships
 * publish.
 */
public final class FailoverPolicy implements AllocationPolicy {

    /** The snapshot of the relationship a pool is shared in. */
    public interface Views {
        ServiceView forPool(String poolId);

        long version();
    }

    private final Views views;

    public FailoverPolicy(Views views) {
        this.views = views;
    }

    @Override
    public Availability availability(LeaseKey key, String poolId, Lease lease, long nowEpochSecond) {
        ServiceView v = views.forPool(poolId);
        if (v == null) {
            return Availability.DEFAULT;
        }
        if (lease != null && lease.state() == LeaseState.ABANDONED) {
            return Availability.DEFAULT;
        }
        if (lease != null && lease.state() == LeaseState.ACTIVE && !lease.endedAt(nowEpochSecond)) {
            return Availability.UNAVAILABLE;
        }
        if (!v.responding()) {
            return Availability.UNAVAILABLE;
        }
        if (v.ownsEverything(nowEpochSecond)) {
            return Availability.AVAILABLE;
        }
        boolean free = lease == null || lease.state() == LeaseState.FREE || lease.state() == LeaseState.BACKUP;
        return free && v.ownFree(lease) ? Availability.AVAILABLE : Availability.UNAVAILABLE;
    }

    @Override
    public long version() {
        return views.version();
    }
}
