package org.leasehold.core.internal.alloc;

import java.net.Inet4Address;
import java.util.Optional;
import org.leasehold.core.internal.classify.Classification;
import org.leasehold.core.internal.config.SubnetDecl;
import org.leasehold.core.internal.value.Bytes;

/**
 * One client asking for an address on the link of {@code subnet} (from {@link SubnetSelector}).
 * {@code client} is the identity: option 61 bytes if present, else htype followed by chaddr (see
 * {@link #clientKey}). {@code requested} is option 50 (or ciaddr when renewing). Immutable.
 */
public record AllocationRequest(SubnetDecl subnet, Bytes client, Optional<Inet4Address> requested,
        Classification classification, boolean bootp, long now) {

    /** A request decided at the wall clock's now. */
    public AllocationRequest(SubnetDecl subnet, Bytes client, Optional<Inet4Address> requested,
            Classification classification, boolean bootp) {
        this(subnet, client, requested, classification, bootp, java.time.Instant.now().getEpochSecond());
    }

    /** Client identity as the lease store keys it: client-id if sent, else htype + hardware address. */
    public static Bytes clientKey(Optional<Bytes> clientId, Bytes hardware) {
        return clientId.filter(id -> id.length() > 0).orElse(hardware);
    }
}
