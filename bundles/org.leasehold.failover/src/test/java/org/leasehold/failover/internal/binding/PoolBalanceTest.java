package org.leasehold.failover.internal.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.config.AddressRange;
import org.leasehold.api.config.PoolInfo;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.core.internal.lease.JournalLeaseStore;

/** The primary's balancing plan over the core's real lease store, and ISC's misbalance thresholds. */
class PoolBalanceTest {

    @TempDir
    Path dir;

    static Inet4Address ip(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }

    @Test
    void aNewPoolIsSplitInHalfNeverUsedAddressesFirst() throws Exception {
        PoolInfo pool = new PoolInfo("p", "198.18.0.0/16", "", List.of(new AddressRange(ip("198.18.2.1"),
                ip("198.18.2.10"))), List.of());
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            assertThat(PoolBalance.count(store, pool).toGive()).isEqualTo(5);
            List<LeaseKey> plan = PoolBalance.plan(store, pool);
            assertThat(plan).hasSize(5);
            for (LeaseKey k : plan) {
                store.update(k, cur -> PoolBalance.toBackup(cur, k, pool, 1_800_000_000L), "failover")
                        .toCompletableFuture().get();
            }
            PoolBalance.Count after = PoolBalance.count(store, pool);
            assertThat(after.free()).isEqualTo(5);
            assertThat(after.backup()).isEqualTo(5);
            assertThat(PoolBalance.plan(store, pool)).isEmpty();
            assertThat(store.get(plan.get(0)).orElseThrow().state()).isEqualTo(LeaseState.BACKUP);
        }
    }

    @Test
    void misbalanceThresholdsAsIsc() {
        // 100 addresses, 15 %: threshold 15
        assertThat(new PoolBalance.Count("p", 100, 80, 20).primaryOverThreshold(15)).isTrue();   // lts 30
        assertThat(new PoolBalance.Count("p", 100, 60, 40).primaryOverThreshold(15)).isFalse();  // lts 10
        assertThat(new PoolBalance.Count("p", 100, 90, 10).secondaryShort(15)).isTrue();         // lts -40 < -30
        assertThat(new PoolBalance.Count("p", 100, 70, 30).secondaryShort(15)).isFalse();        // lts -20
        assertThat(new PoolBalance.Count("p", 4, 3, 1).secondaryShort(0)).isFalse();             // lts -1
        assertThat(new PoolBalance.Count("p", 4, 4, 0).secondaryShort(0)).isTrue();              // lts -2
    }
}
