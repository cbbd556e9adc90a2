package org.leasehold.api.config;

import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;

/**
 * A pool as configured: where it is, the addresses it hands out, and the capability statements
 * written in it ({@code failover peer "fo";}). Immutable.
 *
 * @param id         the pool id, as in {@link org.leasehold.api.lease.Lease#pool()}
 * @param subnet     the id of the subnet its ranges lie in ("198.18.0.0/16")
 * @param space      its address space ({@link org.leasehold.api.lease.LeaseKey#space()})
 * @param ranges     its ranges, in file order
 * @param statements the capability statements written directly in the pool, in file order
 */
public record PoolInfo(String id, String subnet, String space, List<AddressRange> ranges,
        List<ConfigStatement> statements) {

    public PoolInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(space, "space");
        ranges = List.copyOf(ranges);
        statements = List.copyOf(statements);
    }

    /** Number of addresses in the pool. */
    public long size() {
        return ranges.stream().mapToLong(AddressRange::size).sum();
    }

    public boolean contains(Inet4Address a) {
        return ranges.stream().anyMatch(r -> r.contains(a));
    }
}
