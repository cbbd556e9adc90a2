package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.LeaseState;

class ReplayTest {

    @TempDir
    Path dir;

    @Test
    void replays50kLeasesAndServesAgain() throws Exception {
        int n = 50_000;
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            GroupCommitTest.commitMany(store, 0, n, 512);
        }
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            JournalStats s = store.stats();
            System.out.printf("replay: %d leases from %d records (%d bytes) in %d ms%n", s.leases(),
                    s.replayedRecords(), s.fileBytes(), s.replayMillis());
            assertThat(store.size()).isEqualTo(n);
            assertThat(store.count(LeaseState.ACTIVE)).isEqualTo(n);
            for (int i = 0; i < n; i += 997) {
                assertThat(store.get(TestLeases.key(i))).contains(TestLeases.active(i, i));
                assertThat(store.findByClient("", TestLeases.active(i, i).client())).contains(TestLeases.active(i, i));
            }
            assertThat(store.expiring(TestLeases.T0 + 99)).hasSize(100);
            store.commit(TestLeases.active(n, 1)).toCompletableFuture().join();
            assertThat(store.size()).isEqualTo(n + 1);
        }
    }
}
