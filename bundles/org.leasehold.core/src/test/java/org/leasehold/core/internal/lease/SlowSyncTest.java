package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
        AtomicLong stall = new AtomicLong();
        AtomicLong syncs = new AtomicLong();
        JournalWriter.Observer secondSyncStalls = new JournalWriter.Observer() {
            @Override
            public long nanoTime() {
                return System.nanoTime() + stall.get();
            }

            @Override
            public void beforeSync(int records) {
                if (syncs.incrementAndGet() == 2) { // the disk stalls this long: the writer's clock jumps
                    stall.addAndGet(TimeUnit.MILLISECONDS.toNanos(JournalWriter.SLOW_SYNC_MILLIS + 50));
                }
            }
        };
        try (JournalLeaseStore store = new JournalLeaseStore(dir, JournalOptions.DEFAULTS, secondSyncStalls)) {
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
