import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.core.internal.value.Ipv4;
import org.leasehold.core.internal.lease.JournalLeaseStore;
import org.leasehold.core.internal.lease.JournalStats;

/**
 * Scale benchmark of Leasehold's lease store, in one JVM, with the store the server runs
 * (JournalLeaseStore: in-memory table, append-only journal, group commit, fsync before completion).
 *
 * <p>Usage: {@code java -cp ... LeaseScale DIR COUNT CHURN_COMMITS LEASE_SECONDS}. Commits COUNT
 * ACTIVE leases (10.0.0.0/12 from 10.0.0.1, data only: no packet is sent), measures heap used
 * after a full GC, closes and reopens the store (journal replay = the store's part of a restart),
 * then renews CHURN_COMMITS random leases, sampling the journal's size to show compaction bounding
 * it. Leaves DIR holding COUNT active leases for a server restart test. Prints "key value" lines.
 * Single-threaded driver; at most 4096 commits in flight so group commit can batch.
 */
public final class LeaseScale {

    private static final int IN_FLIGHT = 4096;
    private static final String SUBNET = "10.0.0.0/12";
    private static final int FIRST = 0x0A000001;

    private final Path dir;
    private final int count;
    private final long leaseSeconds;

    private LeaseScale(Path dir, int count, long leaseSeconds) {
        this.dir = dir;
        this.count = count;
        this.leaseSeconds = leaseSeconds;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: LeaseScale DIR COUNT CHURN_COMMITS LEASE_SECONDS");
            System.exit(2);
        }
        LeaseScale s = new LeaseScale(Path.of(args[0]), Integer.parseInt(args[1]), Long.parseLong(args[3]));
        s.run(Long.parseLong(args[2]));
    }

    private void run(long churn) throws Exception {
        print("leases", count);
        print("heap_max_mib", mib(Runtime.getRuntime().maxMemory()));
        long heap0 = heapUsedAfterGc();
        print("heap_used_empty_mib", mib(heap0));
        // Each phase opens its own store in its own frame, so a closed store is garbage by the
        // time the next phase measures the heap (an interpreted frame keeps dead locals reachable).
        fillPhase(heap0);
        reopen(heap0);
        churn(churn);
    }

    private void fillPhase(long heap0) throws IOException {
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            long t0 = System.nanoTime();
            fill(store);
            double secs = (System.nanoTime() - t0) / 1e9;
            print("fill_seconds", String.format("%.1f", secs));
            print("fill_commits_per_second", Math.round(count / secs));
            long heap1 = heapUsedAfterGc();
            print("heap_used_full_mib", mib(heap1));
            print("heap_per_lease_bytes", (heap1 - heap0) / count);
            JournalStats st = store.stats();
            print("fill_fsyncs", st.fsyncs());
            print("journal_bytes_after_fill", st.fileBytes());
        }
    }

    private void fill(JournalLeaseStore store) {
        long now = System.currentTimeMillis() / 1000;
        Deque<CompletableFuture<Lease>> pending = new ArrayDeque<>();
        for (int i = 0; i < count; i++) {
            pending.add(store.commit(lease(i, now)).toCompletableFuture());
            if (pending.size() >= IN_FLIGHT) {
                pending.poll().join();
            }
        }
        pending.forEach(CompletableFuture::join);
    }

    private void reopen(long heap0) throws IOException {
        long t0 = System.nanoTime();
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            print("reopen_ms", ms);
            print("reopen_leases", store.size());
            long heap = heapUsedAfterGc();
            print("heap_used_after_reopen_mib", mib(heap));
            print("heap_per_lease_after_reopen_bytes", (heap - heap0) / Math.max(1, store.size()));
        }
    }

    /** Renews random leases (new end time): the journal grows, compaction must keep it bounded. */
    private void churn(long commits) throws IOException {
        if (commits <= 0) {
            return;
        }
        SplittableRandom rnd = new SplittableRandom(42);
        long sample = Math.max(1, commits / 10);
        long maxBytes = 0;
        try (JournalLeaseStore store = new JournalLeaseStore(dir)) {
            long live = store.stats().fileBytes();
            Deque<CompletableFuture<Lease>> pending = new ArrayDeque<>();
            long t0 = System.nanoTime();
            for (long n = 1; n <= commits; n++) {
                long now = System.currentTimeMillis() / 1000;
                pending.add(store.commit(lease(rnd.nextInt(count), now)).toCompletableFuture());
                if (pending.size() >= IN_FLIGHT) {
                    pending.poll().join();
                }
                if (n % sample == 0) {
                    long bytes = Files.size(dir.resolve("leases.journal"));
                    maxBytes = Math.max(maxBytes, bytes);
                    print("churn_journal_bytes_at_" + n, bytes);
                }
            }
            pending.forEach(CompletableFuture::join);
            double secs = (System.nanoTime() - t0) / 1e9;
            JournalStats st = store.stats();
            print("churn_commits_per_second", Math.round(commits / secs));
            print("churn_fsyncs", st.fsyncs());
            print("churn_compactions", st.compactions());
            print("churn_journal_bytes_max_sampled", maxBytes);
            print("churn_journal_bytes_end", st.fileBytes());
            print("churn_journal_over_live_max", String.format("%.2f", (double) maxBytes / live));
        }
    }

    private Lease lease(int i, long now) {
        byte[] mac = {0x02, 0x10, (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
        LeaseKey key = new LeaseKey("", Ipv4.of(Integer.toUnsignedLong(FIRST + i)));
        return new Lease(key, LeaseState.ACTIVE, ClientKey.ofHardware(1, mac),
                HardwareAddress.ethernet(mac), now, now + leaseSeconds, "", SUBNET, "", null, Set.of(), false);
    }


    private static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }

    private static void print(String key, Object value) {
        System.out.println(key + " " + value);
    }
}
