package org.leasehold.core.internal.alloc;

import java.util.BitSet;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import org.leasehold.core.internal.alloc.AddressUsage.Status;
import org.leasehold.core.internal.config.PoolDecl;
import org.leasehold.core.internal.config.RangeDecl;
import org.leasehold.core.internal.config.SubnetDecl;

/**
 * Occupancy bitmap of one pool: its ranges laid end to end as indices, with busy and abandoned bits
 * and a rotating cursor, so finding a free address costs a word scan, not a walk over leases, and
 * stays flat as the pool fills. Thread-safe (monitor per pool).
 */
final class PoolMap {

    final SubnetDecl subnet;
    final PoolDecl pool;
    private final long[] firsts;
    private final int[] offsets;
    private final int size;
    private final BitSet busy = new BitSet();
    private final BitSet abandoned = new BitSet();
    /** busy | abandoned, kept alongside so one nextClearBit finds a free index. */
    private final BitSet unavailable = new BitSet();
    private int cursor;

    PoolMap(SubnetDecl subnet, PoolDecl pool) {
        this.subnet = subnet;
        this.pool = pool;
        firsts = new long[pool.ranges().size()];
        offsets = new int[pool.ranges().size()];
        long total = 0;
        for (int i = 0; i < firsts.length; i++) {
            RangeDecl r = pool.ranges().get(i);
            firsts[i] = r.first();
            offsets[i] = (int) total;
            total += r.size();
        }
        size = (int) Math.min(total, Integer.MAX_VALUE);
    }

    boolean contains(long address) {
        return indexOf(address) >= 0;
    }

    private int indexOf(long address) {
        for (int i = 0; i < firsts.length; i++) {
            RangeDecl r = pool.ranges().get(i);
            if (r.contains(address)) {
                return offsets[i] + (int) (address - firsts[i]);
            }
        }
        return -1;
    }

    private long addressAt(int index) {
        int i = firsts.length - 1;
        while (offsets[i] > index) {
            i--;
        }
        return firsts[i] + (index - offsets[i]);
    }

    synchronized void mark(long address, Status status) {
        int idx = indexOf(address);
        if (idx >= 0) {
            set(idx, status);
        }
    }

    private void set(int idx, Status status) {
        busy.set(idx, status == Status.BUSY);
        abandoned.set(idx, status == Status.ABANDONED);
        unavailable.set(idx, status != Status.FREE);
    }

    synchronized Status status(long address) {
        int idx = indexOf(address);
        if (idx < 0 || !unavailable.get(idx)) {
            return Status.FREE;
        }
        return busy.get(idx) ? Status.BUSY : Status.ABANDONED;
    }

    /**
     * Takes the next address the bitmap shows free and {@code isFree} confirms; a refuted bit is
     * corrected to {@code refuted}'s answer and the scan goes on.
     */
    synchronized OptionalLong takeFree(LongPredicate isFree, LongFunction<Status> refuted) {
        OptionalLong found = scan(cursor, size, isFree, refuted);
        return found.isPresent() ? found : scan(0, Math.min(cursor, size), isFree, refuted);
    }

    private OptionalLong scan(int from, int to, LongPredicate isFree, LongFunction<Status> refuted) {
        for (int idx = unavailable.nextClearBit(from); idx < to; idx = unavailable.nextClearBit(idx + 1)) {
            long address = addressAt(idx);
            if (isFree.test(address)) {
                set(idx, Status.BUSY);
                cursor = idx + 1 >= size ? 0 : idx + 1;
                return OptionalLong.of(address);
            }
            set(idx, refuted.apply(address));
        }
        return OptionalLong.empty();
    }

    /** Takes an abandoned address the store confirms is still abandoned (not reassigned since). */
    synchronized OptionalLong takeAbandoned(LongPredicate stillAbandoned) {
        for (int idx = abandoned.nextSetBit(0); idx >= 0 && idx < size; idx = abandoned.nextSetBit(idx + 1)) {
            long address = addressAt(idx);
            if (stillAbandoned.test(address)) {
                set(idx, Status.BUSY);
                return OptionalLong.of(address);
            }
        }
        return OptionalLong.empty();
    }

    /** Marks a specific address busy if the bitmap shows it free or {@code mayTake} allows it. */
    synchronized boolean take(long address, boolean mayTake) {
        int idx = indexOf(address);
        if (idx < 0 || (unavailable.get(idx) && !mayTake)) {
            return false;
        }
        set(idx, Status.BUSY);
        return true;
    }

    synchronized PoolStat stat() {
        return new PoolStat(subnet.id(), pool.id(), pool.space(), pool.size(), busy.cardinality(), abandoned.cardinality());
    }
}
