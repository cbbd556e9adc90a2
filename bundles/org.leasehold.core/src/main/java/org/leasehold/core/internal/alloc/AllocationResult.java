package org.leasehold.core.internal.alloc;

import java.net.Inet4Address;
import org.leasehold.core.internal.config.PoolDecl;
import org.leasehold.core.internal.config.SubnetDecl;

/** The allocator's answer: an address in an address space, or a refusal with its reason. Immutable. */
public sealed interface AllocationResult {

    /** Which step of RFC 2131 §4.3.1 chose the address. */
    enum Reason { FIXED, EXISTING, REQUESTED, FREE, ABANDONED }

    /** {@code pool} is null for a host's fixed address. */
    record Allocated(String space, Inet4Address address, SubnetDecl subnet, PoolDecl pool, Reason reason)
            implements AllocationResult {
    }

    record Refused(String reason) implements AllocationResult {
    }
}
