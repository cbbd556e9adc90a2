package org.leasehold.api.lease;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Who may hand out which address: the lease-owner view a capability such as failover imposes on the
 * allocator. Without a policy an address is available to a new client when it has no lease, or its
 * lease is FREE, EXPIRED, RELEASED or RESET (or ACTIVE past its end). A policy may take addresses out of
 * that set (those the failover partner owns, expired leases the partner has not yet acknowledged) or
 * put others in (BACKUP leases, in partner-down). It never concerns a client's own address: a client
 * that holds or last held a lease may get it back unless it is ABANDONED.
 *
 * <p>Register it as a service; the engine uses at most one (the highest ranked) and asks it for every
 * address it considers for a new client, so {@link #availability} must be fast and must not block or
 * lock. When the answers may change for many addresses at once (a failover state transition, pool
 * rebalancing), the policy returns a new {@link #version()}: the engine then re-reads every address.
 * A single lease's change needs no new version: the engine asks again when that lease changes.
 * Thread-safe.
 */
@ConsumerType
public interface AllocationPolicy {

    /** What the policy says of one address. */
    enum Availability {
        /** The policy does not govern this address: the engine decides as it would without one. */
        DEFAULT,
        /** It may be given to a new client now. */
        AVAILABLE,
        /** It may not be given to a new client now. */
        UNAVAILABLE
    }

    /**
     * Whether an address of pool {@code poolId} may be given to a new client now.
     *
     * @param key    the address (and address space)
     * @param poolId the id of the configured pool it lies in ({@link org.leasehold.api.config.PoolInfo#id()})
     * @param lease  the store's lease for it; null when the store has never held one
     * @param nowEpochSecond the time of the decision
     */
    Availability availability(LeaseKey key, String poolId, Lease lease, long nowEpochSecond);

    /** Changes when {@link #availability} may answer differently for many addresses at once. */
    long version();
}
