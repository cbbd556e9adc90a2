package org.leasehold.core.internal.lease;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One-off measurement, not a test: commit rate and fsync rate under group commit, replay time, and
 * journal size under churn. Run with the test classpath:
 * {@code java -Xmx4g -cp ... JournalBenchmark DIR [leases] [threads] [inFlightPerThread] [churnRounds]}.
 */
public final class JournalBenchmark {

    private JournalBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int leases = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int inFlight = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        Files.createDirectories(dir);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            long t0 = System.nanoTime();
            List<CompletableFuture<Void>> done = new ArrayList<>();
            int per = leases / threads;
            for (int t = 0; t < threads; t++) {
                int base = t * per;
                done.add(CompletableFuture.runAsync(
                        () -> GroupCommitTest.commitMany(store, base, per, inFlight), pool));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
            double s = (System.nanoTime() - t0) / 1e9;
            JournalStats st = store.stats();
            System.out.printf("commit: %d commits, %d fsyncs in %.2f s = %.0f commits/s, %.0f fsyncs/s, "
                    + "%.1f commits/fsync; journal %d bytes%n", st.records(), st.fsyncs(), s, st.records() / s,
                    st.fsyncs() / s, (double) st.records() / st.fsyncs(), st.fileBytes());
        } finally {
            pool.shutdown();
        }
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        if (rounds > 0) {
            churn(dir, leases, rounds, inFlight);
        }
        for (int i = 0; i < 2; i++) {
            System.gc();
            try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
                JournalStats st = store.stats();
                System.out.printf("replay %d: %d leases from %d records, %d bytes, in %d ms%n", i, st.leases(),
                        st.replayedRecords(), st.fileBytes(), st.replayMillis());
            }
        }
    }

    /** Rewrites every lease {@code rounds} times with default compaction settings; reports file sizes. */
    private static void churn(Path dir, int leases, int rounds, int inFlight) throws Exception {
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            long max = 0;
            long t0 = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                GroupCommitTest.commitMany(store, 0, leases, inFlight);
                max = Math.max(max, store.stats().fileBytes());
            }
            double s = (System.nanoTime() - t0) / 1e9;
            JournalStats st = store.stats();
            System.out.printf("churn: %d rewrites of %d leases (%d bytes appended) in %.1f s: %d compactions, "
                    + "%d records carried over during them; journal max %d bytes sampled, now %d%n", rounds, leases,
                    st.appendedBytes(), s, st.compactions(), st.compactionTail(), max, st.fileBytes());
        }
    }
}
