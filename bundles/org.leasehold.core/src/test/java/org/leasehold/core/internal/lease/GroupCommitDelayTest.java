package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.leasehold.api.lease.Lease;

/**
 * Group commit that waits a little for company ({@link JournalOptions#commitDelayMicros()},
 * {@link JournalOptions#groupTarget()}): fast concurrent committers share fsyncs, a lone synchronous
 * committer is never stranded, and nothing is lost across close and reopen.
 *
 * <p>No test asserts a time. The class-level timeout is only a guard against a hang (a lost wake-up
 * would otherwise stall the build); it is minutes, orders of magnitude above any commit delay.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GroupCommitDelayTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 200;

    @TempDir
    Path dir;

    /** Each of {@code threads} threads commits {@code perThread} leases without waiting; returns every future. */
    private static List<CompletableFuture<Lease>> commitConcurrently(JournalLeaseStore store, int threads,
            int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<List<CompletableFuture<Lease>>>> perThreadFutures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                perThreadFutures.add(CompletableFuture.supplyAsync(() -> {
                    GroupCommitTest.awaitUninterruptibly(start);
                    List<CompletableFuture<Lease>> mine = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        mine.add(store.commit(TestLeases.active(base + i, 60 + i)).toCompletableFuture());
                    }
                    return mine;
                }, pool));
            }
            start.countDown();
            List<CompletableFuture<Lease>> all = new ArrayList<>();
            for (CompletableFuture<List<CompletableFuture<Lease>>> f : perThreadFutures) {
                all.addAll(f.join());
            }
            return all;
        } finally {
            pool.shutdown();
        }
    }

    private static void assertAllStored(JournalLeaseStore store, int n) {
        assertThat(store.size()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            int t = i / PER_THREAD;
            int k = i % PER_THREAD;
            assertThat(store.get(TestLeases.key(i))).as("lease %d", i).contains(TestLeases.active(t * PER_THREAD + k, 60 + k));
        }
    }

    // ---- (a) fast concurrent committers share fsyncs ---------------------------------------------

    @Test
    void fastConcurrentCommittersAllCompleteAndShareFsyncs() throws Exception {
        try (JournalLeaseStore store = new JournalLeaseStore(dir, JournalOptions.DEFAULTS)) {
            List<CompletableFuture<Lease>> futures = commitConcurrently(store, THREADS, PER_THREAD);
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();

            assertThat(futures).hasSize(THREADS * PER_THREAD).allSatisfy(f -> {
                assertThat(f).isCompleted();
                assertThat(f).isNotCompletedExceptionally();
            });
            assertThat(futures.get(0).join()).isEqualTo(TestLeases.active(0, 60));
            assertAllStored(store, THREADS * PER_THREAD);

            JournalStats s = store.stats();
            assertThat(s.records()).isEqualTo(THREADS * PER_THREAD);
            assertThat(s.leases()).isEqualTo(THREADS * PER_THREAD);
            assertThat(s.fsyncs()).isPositive();
            // the writer gathers: on average at least four records per fsync
            assertThat(s.fsyncs() * 4).as("fsyncs %d for %d records", s.fsyncs(), s.records())
                    .isLessThanOrEqualTo(s.records());
        }
    }

    // ---- (b) a lone synchronous committer --------------------------------------------------------

    @Test
    void aLoneSynchronousCommitterIsNeverStranded() throws Exception {
        try (JournalLeaseStore store = new JournalLeaseStore(dir, JournalOptions.DEFAULTS)) {
            for (int i = 0; i < 50; i++) {
                Lease l = TestLeases.active(i, 60 + i);
                assertThat(store.commit(l).toCompletableFuture().join()).isEqualTo(l);
                // durable before the next one is started: each had a fsync of its own
                assertThat(store.stats().records()).isEqualTo(i + 1);
            }
            for (int i = 0; i < 50; i++) {
                assertThat(store.get(TestLeases.key(i))).contains(TestLeases.active(i, 60 + i));
            }
            JournalStats s = store.stats();
            assertThat(s.records()).isEqualTo(50);
            assertThat(s.fsyncs()).isEqualTo(50);
        }
    }

    @Test
    void aLoneCommitterAfterABurstIsNotStrandedEither() throws Exception {
        // the arrival rate learned from a burst must not leave a following trickle waiting for company
        try (JournalLeaseStore store = new JournalLeaseStore(dir, JournalOptions.DEFAULTS)) {
            CompletableFuture.allOf(commitConcurrently(store, THREADS, PER_THREAD).toArray(CompletableFuture[]::new))
                    .join();
            for (int i = 0; i < 50; i++) {
                Lease renewed = TestLeases.active(i, 10_000 + i);
                assertThat(store.commit(renewed).toCompletableFuture().join()).isEqualTo(renewed);
                assertThat(store.get(renewed.key())).contains(renewed);
            }
            assertThat(store.stats().records()).isEqualTo(THREADS * PER_THREAD + 50);
            assertThat(store.size()).isEqualTo(THREADS * PER_THREAD);
        }
    }

    // ---- (c) options -----------------------------------------------------------------------------

    @Test
    void optionsRejectANegativeDelayAndAGroupTargetBelowOne() {
        assertThatThrownBy(() -> new JournalOptions(3.0, 16L << 20, 1 << 20, -1, 64))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JournalOptions(3.0, 16L << 20, 1 << 20, 1000, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalOptions.DEFAULTS.withCommitDelay(-1, 64))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalOptions.DEFAULTS.withCommitDelay(Integer.MIN_VALUE, 64))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalOptions.DEFAULTS.withCommitDelay(1000, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalOptions.DEFAULTS.withCommitDelay(1000, -5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalOptions.DEFAULTS.withCommitDelay(1_000_001, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionsKeepTheirCommitDelayThroughWithers() {
        assertThat(JournalOptions.DEFAULTS.commitDelayMicros()).isEqualTo(1000);
        assertThat(JournalOptions.DEFAULTS.groupTarget()).isEqualTo(64);

        JournalOptions none = JournalOptions.DEFAULTS.withCommitDelay(0, 1);
        assertThat(none.commitDelayMicros()).isZero();
        assertThat(none.groupTarget()).isEqualTo(1);
        assertThat(none.compactRatio()).isEqualTo(JournalOptions.DEFAULTS.compactRatio());
        assertThat(none.compactMinBytes()).isEqualTo(JournalOptions.DEFAULTS.compactMinBytes());
        assertThat(none.batchBufferBytes()).isEqualTo(JournalOptions.DEFAULTS.batchBufferBytes());

        JournalOptions compacting = none.withCompaction(2.0, 1024);
        assertThat(compacting.commitDelayMicros()).isZero();
        assertThat(compacting.groupTarget()).isEqualTo(1);
        assertThat(JournalOptions.DEFAULTS.withCompaction(2.0, 1024).commitDelayMicros()).isEqualTo(1000);
        assertThat(JournalOptions.DEFAULTS.withCompaction(2.0, 1024).groupTarget()).isEqualTo(64);

        assertThat(JournalOptions.DEFAULTS.withCommitDelay(1_000_000, Integer.MAX_VALUE).commitDelayMicros())
                .isEqualTo(1_000_000);
    }

    @Test
    void withoutAnyDelayCommitsStillWork() throws Exception {
        JournalOptions noDelay = JournalOptions.DEFAULTS.withCommitDelay(0, 1);
        try (JournalLeaseStore store = new JournalLeaseStore(dir, noDelay)) {
            Lease one = TestLeases.active(100_000, 5);
            assertThat(store.commit(one).toCompletableFuture().join()).isEqualTo(one);
            List<CompletableFuture<Lease>> futures = commitConcurrently(store, THREADS, PER_THREAD);
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
            assertThat(store.delete(one.key()).toCompletableFuture().join()).isTrue();

            assertAllStored(store, THREADS * PER_THREAD);
            JournalStats s = store.stats();
            assertThat(s.records()).isEqualTo(THREADS * PER_THREAD + 2);
            assertThat(s.fsyncs()).isBetween(1L, s.records());
        }
        try (JournalLeaseStore reopened = new JournalLeaseStore(dir, noDelay)) {
            assertAllStored(reopened, THREADS * PER_THREAD);
        }
    }

    @Test
    void aDelayWithAGroupTargetOfOneNeverWaitsAndCommitsWork() throws Exception {
        try (JournalLeaseStore store = new JournalLeaseStore(dir, JournalOptions.DEFAULTS.withCommitDelay(1_000_000, 1))) {
            for (int i = 0; i < 20; i++) {
                store.commit(TestLeases.active(i, 60 + i)).toCompletableFuture().join();
            }
            List<CompletableFuture<Lease>> futures = commitConcurrently(store, THREADS, PER_THREAD);
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
            assertAllStored(store, THREADS * PER_THREAD);
        }
    }

    // ---- (d) close and reopen --------------------------------------------------------------------

    @Test
    void reopeningAfterCloseReplaysEveryLease() throws Exception {
        try (JournalLeaseStore store = new JournalLeaseStore(dir, JournalOptions.DEFAULTS)) {
            CompletableFuture.allOf(commitConcurrently(store, THREADS, PER_THREAD).toArray(CompletableFuture[]::new))
                    .join();
            // renew a few, delete one, synchronously
            for (int i = 0; i < 10; i++) {
                store.commit(TestLeases.active(i, 60 + i)).toCompletableFuture().join();
            }
        }
        try (JournalLeaseStore reopened = new JournalLeaseStore(dir, JournalOptions.DEFAULTS)) {
            assertAllStored(reopened, THREADS * PER_THREAD);
            assertThat(reopened.stats().replayedRecords()).isEqualTo(THREADS * PER_THREAD + 10);
            reopened.delete(TestLeases.key(0)).toCompletableFuture().join();
        }
        try (JournalLeaseStore again = new JournalLeaseStore(dir, JournalOptions.DEFAULTS)) {
            assertThat(again.size()).isEqualTo(THREADS * PER_THREAD - 1);
            assertThat(again.get(TestLeases.key(0))).isEmpty();
            assertThat(again.get(TestLeases.key(1))).contains(TestLeases.active(1, 61));
        }
    }

    @Test
    void closeWhileCommitsAreBeingGatheredWritesThemAll() throws Exception {
        // a long delay and an unreachable group target: the writer is waiting when close comes
        JournalOptions patient = JournalOptions.DEFAULTS.withCommitDelay(1_000_000, Integer.MAX_VALUE);
        List<CompletableFuture<Lease>> futures;
        try (JournalLeaseStore store = new JournalLeaseStore(dir, patient)) {
            futures = commitConcurrently(store, THREADS, PER_THREAD);
        }
        // every commit accepted before close is acknowledged by close, none fails
        assertThat(futures).allSatisfy(f -> {
            assertThat(f).isCompleted();
            assertThat(f).isNotCompletedExceptionally();
        });
        try (JournalLeaseStore reopened = new JournalLeaseStore(dir, patient)) {
            assertAllStored(reopened, THREADS * PER_THREAD);
        }
    }
}
