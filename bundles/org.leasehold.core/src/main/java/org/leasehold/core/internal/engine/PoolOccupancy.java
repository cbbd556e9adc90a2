package org.leasehold.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.core.internal.alloc.PoolStat;
import org.leasehold.core.internal.alloc.PoolStatsProvider;
import org.leasehold.core.internal.value.Ipv4;
import org.leasehold.core.internal.config.PoolDecl;
import org.leasehold.core.internal.config.SubnetDecl;

/**
 * {@code dhcp:pool-stats} from the lease table: per pool of the running configuration, how many of
 * its addresses hold an active (busy) or abandoned lease. One pass over the table per call (an
 * operator command, not the packet path). Thread-safe.
 */
public final class PoolOccupancy implements PoolStatsProvider {

    private final Supplier<ConfigView> config;
    private final LeaseStore store;

    public PoolOccupancy(Supplier<ConfigView> config, LeaseStore store) {
        this.config = config;
        this.store = store;
    }

    @Override
    public List<PoolStat> poolStats() {
        List<SubnetDecl> subnets = config.get().config().subnets();
        List<long[]> counts = new ArrayList<>();
        List<PoolDecl> pools = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (SubnetDecl s : subnets) {
            for (PoolDecl p : s.pools()) {
                pools.add(p);
                ids.add(s.id());
                counts.add(new long[2]);
            }
        }
        for (Lease l : store.all()) {
            int slot = l.state() == LeaseState.ACTIVE ? 0 : l.state() == LeaseState.ABANDONED ? 1 : -1;
            if (slot < 0) {
                continue;
            }
            long a = Ipv4.toLong(l.key().address());
            for (int i = 0; i < pools.size(); i++) {
                if (pools.get(i).space().equals(l.key().space()) && pools.get(i).contains(a)) {
                    counts.get(i)[slot]++;
                    break;
                }
            }
        }
        List<PoolStat> out = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) {
            PoolDecl p = pools.get(i);
            out.add(new PoolStat(ids.get(i), p.id(), p.space(), p.size(), counts.get(i)[0], counts.get(i)[1]));
        }
        return out;
    }
}
