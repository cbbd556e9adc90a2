package org.leasehold.core.internal.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {

    @TempDir
    Path dir;

    /** An observer that holds the journal's first fsync until {@link #release} counts down. */
    private static final class HoldFirstSync implements JournalWriter.Observer {
        final CountDownLatch inFirstSync = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final AtomicBoolean first = new AtomicBoolean(true);

        @Override
        public void beforeSync(int records) {
            if (first.getAndSet(false)) {
                inFirstSync.countDown();
                awaitUninterruptibly(release);
            }
        }
    }

    @Test
    void commitsQueuedDuringAnFsyncShareTheNextOne() throws Exception {
        HoldFirstSync hold = new HoldFirstSync();
        CountDownLatch release = hold.release;
        try (JournalLeaseStore store = new JournalLeaseStore(dir, JournalOptions.DEFAULTS, hold)) {
            CompletableFuture<?> one = store.commit(TestLeases.active(0, 0)).toCompletableFuture();
            hold.inFirstSync.await();
            List<CompletableFuture<?>> rest = new ArrayList<>();
            for (int i = 1; i < 1000; i++) {
                rest.add(store.commit(TestLeases.active(i, i)).toCompletableFuture());
            }
            assertThat(one).isNotDone();
            assertThat(rest).noneMatch(CompletableFuture::isDone);
            release.countDown();
            CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).join();
            assertThat(one).isDone();
            assertThat(store.stats().records()).isEqualTo(1000);
            assertThat(store.stats().fsyncs()).isEqualTo(2);
        }
    }

    @Test
    void syncedCompletesOnlyOnceWhatTheTableShowsIsFsynced() throws Exception {
        HoldFirstSync hold = new HoldFirstSync();
        CountDownLatch release = hold.release;
        try (JournalLeaseStore store = new JournalLeaseStore(dir, JournalOptions.DEFAULTS, hold)) {
            assertThat(store.synced().toCompletableFuture()).as("nothing pending").isDone();
            CompletableFuture<?> inFlight = store.commit(TestLeases.active(0, 0)).toCompletableFuture();
            hold.inFirstSync.await();
            CompletableFuture<Void> whileWriting = store.synced().toCompletableFuture();
            CompletableFuture<?> queued = store.commit(TestLeases.active(1, 1)).toCompletableFuture();
            CompletableFuture<Void> afterQueued = store.synced().toCompletableFuture();
            assertThat(store.get(TestLeases.active(0, 0).key())).as("the table shows it already").isPresent();
            assertThat(whileWriting).isNotDone();
            assertThat(afterQueued).isNotDone();
            release.countDown();
            whileWriting.join();
            assertThat(inFlight).isDone();
            afterQueued.join();
            assertThat(queued).isDone();
        }
    }

    /** Many committers, many commits in flight each: reports the rates, asserts only completeness. */
    @Test
    void concurrentCommittersAllComplete() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            long t0 = System.nanoTime();
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                done.add(CompletableFuture.runAsync(() -> commitMany(store, base, perThread, 64), pool));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
            double seconds = (System.nanoTime() - t0) / 1e9;
            JournalStats s = store.stats();
            System.out.printf("group commit: %d commits, %d fsyncs in %.2f s: %.0f commits/s, %.0f fsyncs/s%n",
                    s.records(), s.fsyncs(), seconds, s.records() / seconds, s.fsyncs() / seconds);
            assertThat(s.records()).isEqualTo((long) threads * perThread);
            assertThat(s.fsyncs()).isBetween(1L, s.records());
            assertThat(store.size()).isEqualTo(threads * perThread);
        } finally {
            pool.shutdown();
        }
    }

    /** Commits leases base..base+n-1 keeping at most {@code inFlight} unacknowledged. */
    static void commitMany(JournalLeaseStore store, int base, int n, int inFlight) {
        Semaphore window = new Semaphore(inFlight);
        for (int i = 0; i < n; i++) {
            window.acquireUninterruptibly();
            store.commit(TestLeases.active(base + i, i)).whenComplete((l, e) -> window.release());
        }
        window.acquireUninterruptibly(inFlight);
    }

    static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
