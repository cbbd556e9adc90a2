package org.leasehold.core.internal.alloc;

/** Occupancy of one pool, from the allocator's bitmaps. Immutable. */
public record PoolStat(String subnet, String pool, String space, long size, long busy, long abandoned) {

    public long free() {
        return size - busy - abandoned;
    }
}
