package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlowSyncTest {

    @TempDir
    Path dir;

    /** A group fsync that takes longer than the bound is counted (and logged); a normal one is not. */
    @Test
    void aSlowGroupFsyncIsCountedAndTheCommitStillCompletes() throws IOException {
        AtomicInteger syncs = new AtomicInteger();
        JournalWriter.Observer secondSyncIsSlow = new JournalWriter.Observer() {
            @Override
            public void beforeSync(int records) {
                if (syncs.incrementAndGet() == 2) {
                    try {
                        Thread.sleep(JournalWriter.SLOW_SYNC_MILLIS + 50); // a disk stalling this long
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        try (JournalLeaseStore store = new JournalLeaseStore(dir, JournalOptions.DEFAULTS, secondSyncIsSlow)) {
            store.commit(TestLeases.active(1, 1)).toCompletableFuture().join();
            assertThat(store.stats().slowFsyncs()).isZero();
            store.commit(TestLeases.active(2, 1)).toCompletableFuture().join();
            store.commit(TestLeases.active(3, 1)).toCompletableFuture().join();
            JournalStats s = store.stats();
            assertThat(s.fsyncs()).isEqualTo(3);
            assertThat(s.slowFsyncs()).isEqualTo(1);
        }
    }
}
