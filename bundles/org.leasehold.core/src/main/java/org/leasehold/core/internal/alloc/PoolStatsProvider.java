package org.leasehold.core.internal.alloc;

import java.util.List;

/** Source of {@code dhcp:pool-stats}. Implementations are thread-safe and answer from memory. */
public interface PoolStatsProvider {

    List<PoolStat> poolStats();
}
