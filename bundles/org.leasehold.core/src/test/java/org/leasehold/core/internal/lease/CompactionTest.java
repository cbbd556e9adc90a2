package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;

class CompactionTest {

    private static final LeaseState[] STATES = LeaseState.values();

    @TempDir
    Path dir;

    private static Map<LeaseKey, Lease> asMap(Iterable<Lease> leases) {
        Map<LeaseKey, Lease> m = new HashMap<>();
        leases.forEach(l -> m.put(l.key(), l));
        return m;
    }

    /**
     * Committers own disjoint key ranges and update or delete their keys at random while compaction
     * runs again and again; afterwards the store, and the store reopened from disk, hold exactly the
     * last value each committer submitted per key.
     */
    @Test
    void compactionUnderConcurrentCommitsLosesNothing() throws Exception {
        int threads = 3;
        int keysPerThread = 2_000;
        Map<LeaseKey, Lease> expected = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // No automatic compaction: the test drives it.
        JournalOptions manual = JournalOptions.DEFAULTS.withCompaction(1000, Long.MAX_VALUE);
        try (JournalLeaseStore store = new JournalLeaseStore(dir, manual)) {
            List<CompletableFuture<Void>> committers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * keysPerThread;
                long seed = t;
                committers.add(CompletableFuture.runAsync(
                        () -> churn(store, base, keysPerThread, seed, stop, expected), pool));
            }
            for (int i = 0; i < 15; i++) {
                store.compact().toCompletableFuture().join();
            }
            stop.set(true);
            CompletableFuture.allOf(committers.toArray(CompletableFuture[]::new)).join();
            assertThat(store.stats().compactions()).isEqualTo(15);
            assertThat(store.stats().records()).isGreaterThan(15);
            assertThat(asMap(store.all())).isEqualTo(expected);
        } finally {
            pool.shutdown();
        }
        try (JournalLeaseStore reopened = new JournalLeaseStore(dir)) {
            assertThat(reopened.size()).isEqualTo(expected.size());
            assertThat(asMap(reopened.all())).isEqualTo(expected);
        }
    }

    private static void churn(JournalLeaseStore store, int base, int keys, long seed, AtomicBoolean stop,
                              Map<LeaseKey, Lease> expected) {
        SplittableRandom random = new SplittableRandom(seed);
        Semaphore window = new Semaphore(32);
        long seq = 0;
        // At least one full pass, so every key is written, then until the compactions are done.
        while (seq < keys || !stop.get()) {
            int n = base + (int) (seq < keys ? seq : random.nextInt(keys));
            window.acquireUninterruptibly();
            if (seq >= keys && random.nextInt(10) == 0) {
                expected.remove(TestLeases.key(n));
                store.delete(TestLeases.key(n)).whenComplete((r, e) -> window.release());
            } else {
                Lease l = TestLeases.active(n, seq).withState(STATES[random.nextInt(STATES.length)]);
                expected.put(l.key(), l);
                store.commit(l).whenComplete((r, e) -> window.release());
            }
            seq++;
        }
        window.acquireUninterruptibly(32);
    }

    /**
     * Holds the compactor after its snapshot is written, commits and deletes while it waits (those are
     * acknowledged from the old file), then lets it install: the new file must carry them.
     */
    @Test
    void commitsAcknowledgedDuringTheSnapshotLandInTheNewFile() throws Exception {
        CountDownLatch inSnapshot = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JournalWriter.Observer holdSnapshot = new JournalWriter.Observer() {
            @Override
            public void snapshotWritten() {
                inSnapshot.countDown();
                GroupCommitTest.awaitUninterruptibly(release);
            }
        };
        Map<LeaseKey, Lease> expected = new HashMap<>();
        JournalOptions manual = JournalOptions.DEFAULTS.withCompaction(1000, Long.MAX_VALUE);
        try (JournalLeaseStore store = new JournalLeaseStore(dir, manual, holdSnapshot)) {
            for (int i = 0; i < 200; i++) {
                expected.put(TestLeases.key(i), store.commit(TestLeases.active(i, 1)).toCompletableFuture().join());
            }
            CompletableFuture<Void> compaction = store.compact().toCompletableFuture();
            inSnapshot.await();
            for (int i = 100; i < 300; i++) {
                expected.put(TestLeases.key(i), store.commit(TestLeases.active(i, 2)).toCompletableFuture().join());
            }
            assertThat(store.delete(TestLeases.key(5)).toCompletableFuture().join()).isTrue();
            expected.remove(TestLeases.key(5));
            assertThat(compaction).isNotDone();
            release.countDown();
            compaction.join();
            assertThat(store.stats().compactions()).isEqualTo(1);
            assertThat(store.stats().compactionTail()).isEqualTo(201);
        }
        try (JournalLeaseStore reopened = new JournalLeaseStore(dir)) {
            assertThat(asMap(reopened.all())).isEqualTo(expected);
            assertThat(reopened.stats().replayedRecords()).isEqualTo(200 + 201);
        }
    }

    @Test
    void churnKeepsTheJournalBounded() throws Exception {
        JournalOptions small = JournalOptions.DEFAULTS.withCompaction(2.0, 64 << 10);
        int keys = 1_000;
        try (JournalLeaseStore store = new JournalLeaseStore(dir, small)) {
            for (int round = 0; round < 60; round++) {
                GroupCommitTest.commitMany(store, 0, keys, 64);
            }
            store.compact().toCompletableFuture().join(); // may join an automatic one still running
            store.compact().toCompletableFuture().join(); // so compact again, with nothing in flight
            JournalStats s = store.stats();
            long live = s.fileBytes();
            System.out.printf("churn: %d records, %d bytes appended, %d compactions, journal %d bytes%n",
                    s.records(), s.appendedBytes(), s.compactions(), s.fileBytes());
            assertThat(s.compactions()).isGreaterThan(5);
            assertThat(s.appendedBytes()).isGreaterThan(20 * live);
            assertThat(Files.size(JournalFiles.journal(dir))).isEqualTo(s.fileBytes());
        }
        try (JournalLeaseStore reopened = new JournalLeaseStore(dir)) {
            assertThat(reopened.size()).isEqualTo(keys);
            assertThat(reopened.stats().replayedRecords()).isEqualTo(keys);
        }
    }

    @Test
    void automaticCompactionKeepsFileWithinRatioOfLiveSize() throws Exception {
        JournalOptions small = JournalOptions.DEFAULTS.withCompaction(3.0, 32 << 10);
        try (JournalLeaseStore store = new JournalLeaseStore(dir, small)) {
            long maxSeen = 0;
            for (int round = 0; round < 40; round++) {
                GroupCommitTest.commitMany(store, 0, 500, 16);
                maxSeen = Math.max(maxSeen, store.stats().fileBytes());
            }
            long oneCopy = 500L * LeaseRecordCodec.encodePut(TestLeases.active(0, 0)).length;
            assertThat(store.stats().compactions()).isPositive();
            // ratio x live, plus what arrives while a snapshot is written (generous: the compactor may be
            // starved on a busy machine), stays far below the 40 copies written
            assertThat(maxSeen).isLessThan(16 * oneCopy);
        }
    }
}
