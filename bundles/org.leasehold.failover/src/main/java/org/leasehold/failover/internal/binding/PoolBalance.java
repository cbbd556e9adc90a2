package org.leasehold.failover.internal.binding;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.leasehold.api.config.AddressRange;
import org.leasehold.api.config.PoolInfo;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;

/**
 * The primary's pool balancing (ISC's {@code dhcp_failover_pool_dobalance}, simplified): in each
 * shared pool it hands the secondary BACKUP addresses until the two free pools are even, never-used
 * addresses first, then the FREE leases that left service longest ago. Called on the relationship's
 * loop; it only reads the store and plans, the caller writes. Stateless.
 */
public final class PoolBalance {

    private PoolBalance() {
    }

    /** What one pool holds for new clients. */
    public record Count(String pool, long total, long free, long backup) {
        /** Addresses the primary should give away (ISC's {@code lts}). */
        public long toGive() {
            return (free - backup) / 2;
        }

        /** ISC's threshold: {@code max-lease-misbalance} percent of the pool's free and backup addresses. */
        long threshold(int misbalancePercent) {
            return ((free + backup) * misbalancePercent + 50) / 100;
        }

        /** The primary holds more than its share by more than the threshold: time to balance. */
        public boolean primaryOverThreshold(int misbalancePercent) {
            return toGive() > threshold(misbalancePercent);
        }

        /**
         * ISC's {@code secondary_not_hoarding}: giving the secondary one more address would not take
         * it past {@code max-lease-ownership} percent of the free addresses over its half.
         */
        public boolean secondaryNotHoarding(int ownershipPercent) {
            long hold = ((free + backup) * ownershipPercent + 50) / 100;
            return (free - backup) / 2 > -hold;
        }

        /**
         * The secondary is short by more than twice the threshold (ISC's "panic": it then sends POOLREQ);
         * a threshold of 0 panics at a shortfall of 2.
         */
        public boolean secondaryShort(int misbalancePercent) {
            long lts = (backup - free) / 2;
            long panic = threshold(misbalancePercent) * -2;
            return lts < (panic == 0 ? -1 : panic);
        }
    }

    public static Count count(LeaseStore store, PoolInfo pool) {
        long free = 0;
        long backup = 0;
        for (Inet4Address a : addresses(pool)) {
            Optional<Lease> l = store.get(new LeaseKey(pool.space(), a));
            LeaseState s = l.map(Lease::state).orElse(LeaseState.FREE);
            if (s == LeaseState.FREE) {
                free++;
            } else if (s == LeaseState.BACKUP) {
                backup++;
            }
        }
        return new Count(pool.id(), pool.size(), free, backup);
    }

    /** The addresses to move to BACKUP so that the pool is even. */
    public static List<LeaseKey> plan(LeaseStore store, PoolInfo pool) {
        long give = count(store, pool).toGive();
        List<LeaseKey> unused = new ArrayList<>();
        List<Lease> freed = new ArrayList<>();
        for (Inet4Address a : addresses(pool)) {
            LeaseKey k = new LeaseKey(pool.space(), a);
            Optional<Lease> l = store.get(k);
            if (l.isEmpty()) {
                unused.add(k);
            } else if (l.get().state() == LeaseState.FREE) {
                freed.add(l.get());
            }
        }
        freed.sort(Comparator.comparingLong(Lease::endEpochSecond));
        List<LeaseKey> plan = new ArrayList<>();
        for (LeaseKey k : unused) {
            if (plan.size() >= give) {
                return plan;
            }
            plan.add(k);
        }
        for (Lease l : freed) {
            if (plan.size() >= give) {
                break;
            }
            plan.add(l.key());
        }
        return plan;
    }

    /** The BACKUP lease an address becomes (the partner's to give), from whatever it was. */
    public static Optional<Lease> toBackup(Optional<Lease> current, LeaseKey key, PoolInfo pool, long now) {
        if (current.isPresent() && current.get().state() != LeaseState.FREE) {
            return Optional.empty();
        }
        Lease.Builder b = current.map(Lease::toBuilder).orElseGet(() -> Lease.builder(key)).state(LeaseState.BACKUP)
                .subnet(pool.subnet()).pool(pool.id()).start(now).variable(LeaseBindings.TSTP, Long.toString(now));
        if (current.isEmpty()) {
            b.end(0);
        }
        return Optional.of(b.build());
    }

    static List<Inet4Address> addresses(PoolInfo pool) {
        List<Inet4Address> all = new ArrayList<>();
        for (AddressRange r : pool.ranges()) {
            long first = AddressRange.value(r.first());
            long last = AddressRange.value(r.last());
            for (long v = first; v <= last; v++) {
                all.add(ip(v));
            }
        }
        return all;
    }

    private static Inet4Address ip(long v) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) (v >> 24), (byte) (v >> 16),
                (byte) (v >> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
