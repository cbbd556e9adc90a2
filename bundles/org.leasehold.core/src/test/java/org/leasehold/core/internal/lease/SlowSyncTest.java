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

    /**
     * A group fsync that takes longer than the bound is counted (and logged) once, and its commit still
     * completes. Counted against the count before it: a real fsync on a busy disk may be slow too.
     */
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
            long before = store.stats().slowFsyncs();
            store.commit(TestLeases.active(2, 1)).toCompletableFuture().join();
            JournalStats s = store.stats();
            assertThat(s.fsyncs()).isEqualTo(2);
            assertThat(s.slowFsyncs()).isEqualTo(before + 1);
            assertThat(store.get(TestLeases.key(2))).isPresent();
        }
    }
}
