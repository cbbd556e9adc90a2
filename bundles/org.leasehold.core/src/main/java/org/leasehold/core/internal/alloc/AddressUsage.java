package org.leasehold.core.internal.alloc;

import java.net.Inet4Address;
import java.util.Optional;
import org.leasehold.core.internal.value.Bytes;

/**
 * The allocator's view of the lease store (the lead adapts {@code LeaseStore} to it). Addresses are
 * per address space, so the same address may be held in two spaces at once. Implementations must be
 * thread-safe and must not block (in-memory reads only).
 */
public interface AddressUsage {

    /** Who holds an address, as far as allocation cares. {@code client} is null when nobody does. */
    record Holder(Status status, Bytes client) {

        public static final Holder FREE = new Holder(Status.FREE, null);
        /** Busy with no client: an address an allocation policy keeps from this server. */
        public static final Holder BUSY_UNOWNED = new Holder(Status.BUSY, null);
    }

    /**
     * FREE: no lease, or free/expired/released/reset (reusable). BUSY: active, or owned by the
     * failover peer. ABANDONED: declined or found in use; reused only when nothing else is free.
     */
    enum Status { FREE, BUSY, ABANDONED }

    /** The address this client holds, or held last, in the space (any state), if any. */
    Optional<Inet4Address> addressOf(String space, Bytes client);

    Holder holder(String space, Inet4Address address);

    /**
     * Who holds an address of the pool {@code poolId}: what an allocation policy may refine (an address
     * the failover partner owns is busy to this server). Defaults to {@link #holder(String, Inet4Address)}.
     */
    default Holder holder(String space, Inet4Address address, String poolId) {
        return holder(space, address);
    }

    /** How many ACTIVE leases carry the class name ("C" or "C:value") in their classes. */
    long activeMembers(String className);
}
